import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAP_SETTINGS,
  type MapSettings,
  tileLayersOf,
  tileOriginsOf,
  ZMapSettingsInput,
} from './map-settings';

const settings = (patch: Partial<MapSettings>): MapSettings => ({ ...DEFAULT_MAP_SETTINGS, ...patch });

describe('base-map settings', () => {
  it('the vector map loads nothing and allows nothing', () => {
    expect(tileLayersOf(DEFAULT_MAP_SETTINGS)).toEqual([]);
    expect(tileOriginsOf(DEFAULT_MAP_SETTINGS)).toEqual([]);
  });

  it('天地图: vec_w then cva_w with the key, hosts t0–t7 only', () => {
    const s = settings({ kind: 'TIANDITU', tiandituKey: 'abc123abc123abc123' });
    const layers = tileLayersOf(s);
    expect(layers.map((l) => l.url.match(/\/(\w+_w)\//)?.[1])).toEqual(['vec_w', 'cva_w']);
    expect(layers.every((l) => l.url.endsWith('&tk=abc123abc123abc123') && l.subdomains === '01234567')).toBe(
      true,
    );
    expect(layers[1]!.url).toContain('LAYER=cva');
    expect(tileOriginsOf(s)).toEqual(Array.from({ length: 8 }, (_, i) => `https://t${i}.tianditu.gov.cn`));
  });

  it('XYZ: each subdomain’s origin, or the one host without {s}', () => {
    const url = 'https://{s}.tile.example.org/{z}/{x}/{y}.png';
    expect(tileOriginsOf(settings({ kind: 'XYZ', xyzUrl: url, subdomains: 'abc' }))).toEqual([
      'https://a.tile.example.org',
      'https://b.tile.example.org',
      'https://c.tile.example.org',
    ]);
    expect(
      tileOriginsOf(
        settings({ kind: 'XYZ', xyzUrl: 'http://10.1.2.3:8080/t/{z}/{x}/{y}.png', subdomains: '' }),
      ),
    ).toEqual(['http://10.1.2.3:8080']);
  });

  it('refuses what cannot work, listing every problem', () => {
    const bad = ZMapSettingsInput.safeParse({
      kind: 'XYZ',
      xyzUrl: 'javascript:alert(1)//{z}{x}{y}',
      maxZoom: 25,
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['attribution', 'maxZoom', 'xyzUrl']);
    expect(ZMapSettingsInput.safeParse({ kind: 'TIANDITU', tiandituKey: 'no spaces allowed!' }).success).toBe(
      false,
    );
    expect(
      ZMapSettingsInput.safeParse({ kind: 'XYZ', xyzUrl: 'https://a/{z}/{x}.png', attribution: 'x' }).success,
    ).toBe(false);
    expect(
      ZMapSettingsInput.safeParse({ kind: 'XYZ', xyzUrl: 'https://a.b/{z}/{x}/{y}.png', attribution: '© A' })
        .success,
    ).toBe(true);
  });
});
