import { COMPONENT_CLASSES, THING_STATES } from '@wangge/shared/register/components';
import { ORGANISATION_KINDS, PLACE_KINDS } from '@wangge/shared/register/record-kinds';
import type { TPointType } from '@wangge/shared/schemas/register-records';

type Named = readonly { code: string; zh: string; en: string }[];
const LABELS = {
  zh: {
    kind: '类别',
    name: '名称',
    code: '部件编码',
    state: '状态',
    address: '地址',
    household: '楼栋/单元/户',
    contact: '联系人',
    note: '备注',
    cell: '网格',
  },
  en: {
    kind: 'Kind',
    name: 'Name',
    code: 'Component code',
    state: 'State',
    address: 'Address',
    household: 'Building/unit/household',
    contact: 'Contact',
    note: 'Note',
    cell: 'Cell',
  },
};

/**
 * A register record as the map's popup shows it: its kind, name and the fields of its type,
 * as text nodes in a definition list (never HTML from the data). Phones come masked from the API.
 */
export function describeRecord(
  locale: 'zh' | 'en',
  type: TPointType,
  r: Record<string, unknown>,
): HTMLElement {
  const t = LABELS[locale];
  const nameIn = (table: Named, code: unknown) => {
    const k = table.find((x) => x.code === code);
    return k ? k[locale] : String(code ?? '');
  };
  const rows: [string, unknown][] =
    type === 'THING'
      ? [
          [t.kind, nameIn(COMPONENT_CLASSES, r.classCode)],
          [t.code, r.code],
          [t.state, nameIn(THING_STATES, r.state)],
          [t.note, r.note],
        ]
      : type === 'PLACE'
        ? [
            [t.kind, nameIn(PLACE_KINDS, r.kind)],
            [t.household, [r.building, r.unit, r.household].filter(Boolean).join(' / ')],
            [t.address, r.address],
          ]
        : [
            [t.kind, nameIn(ORGANISATION_KINDS, r.kind)],
            [t.address, r.address],
            [t.contact, [r.contactName, r.contactPhoneMasked].filter(Boolean).join(' ')],
          ];
  const box = document.createElement('div');
  box.className = 'register-point';
  box.dataset.testid = 'register-point';
  const title = document.createElement('strong');
  title.textContent = String(r.name ?? '');
  box.append(title);
  const list = document.createElement('dl');
  for (const [label, value] of [...rows, [t.cell, r.gridCode] as [string, unknown]]) {
    if (value === null || value === undefined || value === '') continue;
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    list.append(dt, dd);
  }
  box.append(list);
  return box;
}
