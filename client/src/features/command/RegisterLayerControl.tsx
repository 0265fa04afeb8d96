import { PERSON_CLASSES } from '@wangge/shared/register/classes';
import { useId } from 'react';
import { useTable } from '../../i18n/i18n';
import { EMPTY_FILL, REGISTER_FILLS } from '../../map/cell-style';
import type { RegisterLayerState } from './use-register-layer';

const ZH = {
  label: '综治图层',
  cases: '案件（在办/超期）',
  PERSON: '实有人口',
  'PERSON:KEY': '重点人员（合计）',
  'PERSON:CONCERN': '关注对象（合计）',
  'PERSON:AID': '救助人员（合计）',
  legendNone: '无',
  legendMore: '由少到多（最多 {max}）',
  total: '合计 {n} 人',
};
const EN: typeof ZH = {
  label: 'Register layer',
  cases: 'Cases (open/overdue)',
  PERSON: 'Residents',
  'PERSON:KEY': 'Key persons (all)',
  'PERSON:CONCERN': 'Persons of concern (all)',
  'PERSON:AID': 'Receiving assistance (all)',
  legendNone: 'None',
  legendMore: 'Fewer to more (highest {max})',
  total: '{n} persons in all',
};
type Key = keyof typeof ZH;
const CLASS_BY_LAYER = new Map(PERSON_CLASSES.map((c) => [`PERSON:${c.code}`, c]));

/**
 * 综治图层: which register layer colours the cells (the cases by default), and what the blue
 * shades mean. Only the layers the caller may count are offered (the server says which).
 */
export function RegisterLayerControl({ state }: { state: RegisterLayerState }) {
  const { text, locale } = useTable(ZH, EN);
  const id = useId();
  if (state.available.length === 0) return null;
  const nameOf = (layer: string) => {
    const cls = CLASS_BY_LAYER.get(layer);
    if (cls) return `· ${locale === 'en' ? cls.en : cls.zh}`;
    return layer in ZH ? text(layer as Key) : layer;
  };
  return (
    <div className="cmd-register" data-testid="register-layer">
      <label htmlFor={id}>{text('label')}</label>
      <select id={id} value={state.layer} onChange={(e) => state.setLayer(e.target.value)}>
        <option value="">{text('cases')}</option>
        {state.available.map((layer) => (
          <option key={layer} value={layer}>
            {nameOf(layer)}
          </option>
        ))}
      </select>
      {state.layer && (
        <span className="cmd-legend" data-testid="register-legend">
          <span>
            <i style={{ background: EMPTY_FILL }} />
            {text('legendNone')}
          </span>
          <span>
            {REGISTER_FILLS.map((c) => (
              <i key={c} style={{ background: c }} />
            ))}
            {text('legendMore', { max: state.max })}
          </span>
          <output data-testid="register-total">{text('total', { n: state.total.toLocaleString() })}</output>
        </span>
      )}
    </div>
  );
}
