import type { PlaceHitKind } from '@wangge/shared/places/place-names';
import type { TPlaceHit } from '@wangge/shared/places/place-schemas';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { api } from '../../lib/api';
import { D } from '../../lib/D';

const ZH = {
  label: '按地名查找位置',
  placeholder: '输入村居、街道、小区、地标或网格名称…',
  none: '没有找到匹配的地名',
  searching: '正在查找…',
  found: '找到 {n} 个地点，用上下键选择，回车确定',
  chosen: '已定位到：',
  failed: '地名查找失败，请稍后再试',
  LANDMARK: '地标',
  ESTATE: '小区',
  ROAD: '道路',
  OTHER: '地名',
  CELL: '网格',
  VILLAGE: '村/社区',
  TOWNSHIP: '街道/乡镇',
  COUNTY: '县/区',
  CITY: '市',
};
const EN: typeof ZH = {
  label: 'Find a place by name',
  placeholder: 'Village, street, estate, landmark or cell name…',
  none: 'No place of that name',
  searching: 'Searching…',
  found: '{n} places found: arrow keys to choose, Enter to pick',
  chosen: 'Placed at: ',
  failed: 'The place search failed; try again shortly',
  LANDMARK: 'Landmark',
  ESTATE: 'Estate',
  ROAD: 'Road',
  OTHER: 'Place',
  CELL: 'Cell',
  VILLAGE: 'Village',
  TOWNSHIP: 'Township',
  COUNTY: 'County',
  CITY: 'City',
};

/** Waits this long after the last key before asking the server. */
const DEBOUNCE_MS = 200;

/**
 * A place-name search box (WAI-ARIA combobox with a list box): typing lists places from
 * GET /api/places/search; arrow keys move, Enter or a click picks one and hands it to `onPick`.
 */
export function PlaceSearch({ onPick }: { onPick(hit: TPlaceHit): void }) {
  const { text } = useTable(ZH, EN);
  const id = useId();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<TPlaceHit[] | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<TPlaceHit | null>(null);

  useEffect(() => {
    const query = q.trim();
    // Empty, or the name just picked (put in the box): nothing to look up.
    if (!query || query === chosen?.name) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setState('busy');
      api<TPlaceHit[]>(`/api/places/search?q=${encodeURIComponent(query)}&limit=8`)
        .then((found) => {
          if (!live) return;
          setHits(found);
          setActive(found.length ? 0 : -1);
          setState('idle');
        })
        .catch(() => live && setState('failed'));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, chosen]);

  const open = hits !== null && q.trim() !== '';
  const choose = (hit: TPlaceHit) => {
    setChosen(hit);
    setHits(null);
    setQ(hit.name);
    onPick(hit);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || !hits) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (hits.length ? (i + step + hits.length) % hits.length : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[active];
      if (hit) choose(hit);
    } else if (e.key === 'Escape') setHits(null);
  };
  const kindName = (kind: PlaceHitKind) => text(kind);

  return (
    <div className="place-search">
      <label htmlFor={`${id}-input`}>{text('label')}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        placeholder={text('placeholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setChosen(null);
        }}
        onKeyDown={onKey}
        data-testid="place-search"
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={text('label')}
        hidden={!open}
        className="place-search-list"
      >
        {(hits ?? []).map((h, i) => (
          // biome-ignore lint/a11y/useFocusableInteractive: the ARIA 1.2 combobox pattern keeps focus in the input; options are reached by aria-activedescendant
          // biome-ignore lint/a11y/useKeyWithClickEvents: the input's keys (arrows, Enter) choose an option; the click is for a pointer
          <div
            key={`${h.kind}-${h.gridCode}-${h.name}`}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(h)}
          >
            <span className="place-kind">{kindName(h.kind)}</span>{' '}
            <strong>
              <D>{h.name}</D>
            </strong>{' '}
            <span className="muted small">
              <D>{h.fullName}</D>
            </span>
          </div>
        ))}
      </div>
      <p className="muted small" aria-live="polite">
        {state === 'busy'
          ? text('searching')
          : state === 'failed'
            ? text('failed')
            : open
              ? hits?.length
                ? text('found', { n: hits.length })
                : text('none')
              : chosen
                ? [text('chosen'), <D key="name">{chosen.fullName}</D>]
                : ''}
      </p>
    </div>
  );
}
