import type { MapBaseKind, MapSettings } from '@wangge/shared/domain/base-map';
import type { TMapSettingsInput } from '@wangge/shared/schemas/map-settings';
import { type FormEvent, useEffect, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { api } from '../../lib/api';
import { FormErrors } from './FormErrors';
import './admin.css';

const ZH = {
  title: '底图设置',
  intro:
    '默认使用由网格数据生成的矢量底图（县区、乡镇、村社区边界和名称），无需联网。可在此配置在线瓦片底图；瓦片加载失败时地图自动回到矢量底图。',
  kind: '底图类型',
  NONE: '矢量底图（离线）',
  TIANDITU: '天地图（矢量 + 注记）',
  XYZ: '自定义瓦片地址',
  key: '天地图密钥（tk）',
  url: '瓦片地址模板',
  urlHint: '须为 WGS84 / 天地图 _w 同一投影，含 {z} {x} {y}，可含 {s}',
  subdomains: '子域名（替换 {s}）',
  attribution: '版权说明',
  maxZoom: '最大缩放级别',
  save: '保存',
  saved: '已保存，打开地图即生效。',
  loading: '加载中…',
};
const EN: typeof ZH = {
  title: 'Base map',
  intro:
    'By default the map draws a vector base map from the grid data (county, township and village outlines and names), with no internet needed. An online tile base map can be set here; when its tiles fail to load the map falls back to the vector base map.',
  kind: 'Base map',
  NONE: 'Vector (offline)',
  TIANDITU: 'Tianditu (map + labels)',
  XYZ: 'Custom XYZ tiles',
  key: 'Tianditu key (tk)',
  url: 'Tile URL template',
  urlHint: 'Must be WGS84 / the Tianditu _w projection, with {z} {x} {y}, optionally {s}',
  subdomains: 'Subdomains (for {s})',
  attribution: 'Attribution',
  maxZoom: 'Maximum zoom',
  save: 'Save',
  saved: 'Saved; maps opened from now on use it.',
  loading: 'Loading…',
};

/** The template's placeholders, shown as themselves (useTable fills {name} from values). */
const BRACES = { z: '{z}', x: '{x}', y: '{y}', s: '{s}' };

const KINDS: MapBaseKind[] = ['NONE', 'TIANDITU', 'XYZ'];

/** 底图设置 (admins): the command map's base map, stored on the server, read by every client at start. */
export function MapSettingsScreen(_props: { params: string[] }) {
  const { text } = useTable(ZH, EN);
  const [form, setForm] = useState<TMapSettingsInput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaved, setSaved] = useState(false);
  useEffect(() => {
    api<MapSettings>('/api/map-settings')
      .then((s) =>
        setForm({
          kind: s.kind,
          tiandituKey: s.tiandituKey ?? '',
          xyzUrl: s.xyzUrl ?? '',
          attribution: s.attribution ?? '',
          subdomains: s.subdomains,
          maxZoom: s.maxZoom,
        }),
      )
      .catch(setError);
  }, []);
  if (!form)
    return (
      <div className="admin">
        <h1>{text('title')}</h1>
        {error ? <FormErrors error={error} /> : <p>{text('loading')}</p>}
      </div>
    );
  const set = (patch: Partial<TMapSettingsInput>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const blank = (v: string | undefined) => (v ? v : undefined);
    try {
      await api('/api/admin/map-settings', {
        method: 'PUT',
        json: {
          ...form,
          tiandituKey: blank(form.tiandituKey),
          xyzUrl: blank(form.xyzUrl),
          attribution: blank(form.attribution),
        },
      });
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="admin">
      <h1>{text('title')}</h1>
      <p className="muted">{text('intro')}</p>
      <form className="card" onSubmit={save} aria-label={text('title')} data-testid="map-settings">
        <fieldset>
          <legend>{text('kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="inline">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={form.kind === k}
                onChange={() => set({ kind: k })}
              />{' '}
              {text(k)}
            </label>
          ))}
        </fieldset>
        {form.kind === 'TIANDITU' && (
          <label>
            {text('key')}
            <input
              name="tiandituKey"
              value={form.tiandituKey ?? ''}
              onChange={(e) => set({ tiandituKey: e.target.value })}
            />
          </label>
        )}
        {form.kind === 'XYZ' && (
          <>
            <label>
              {text('url')}
              <input
                name="xyzUrl"
                translate="no"
                value={form.xyzUrl ?? ''}
                onChange={(e) => set({ xyzUrl: e.target.value })}
                aria-describedby="xyz-hint"
              />
            </label>
            <p id="xyz-hint" className="muted">
              {text('urlHint', BRACES)}
            </p>
            <label>
              {text('subdomains', BRACES)}
              <input
                name="subdomains"
                value={form.subdomains}
                onChange={(e) => set({ subdomains: e.target.value })}
              />
            </label>
            <label>
              {text('attribution')}
              <input
                name="attribution"
                value={form.attribution ?? ''}
                onChange={(e) => set({ attribution: e.target.value })}
              />
            </label>
          </>
        )}
        {form.kind !== 'NONE' && (
          <label>
            {text('maxZoom')}
            <input
              name="maxZoom"
              type="number"
              min={10}
              max={20}
              value={form.maxZoom}
              onChange={(e) => set({ maxZoom: Number(e.target.value) })}
            />
          </label>
        )}
        <button type="submit" className="primary">
          {text('save')}
        </button>
        {isSaved && (
          <p className="notice ok" role="status" data-testid="map-settings-saved">
            {text('saved')}
          </p>
        )}
        <FormErrors error={error} />
      </form>
    </div>
  );
}
