import { PERSON_CLASSES } from '@wangge/shared/register/classes';
import { COMPONENT_TOP_CLASSES } from '@wangge/shared/register/components';
import { ORGANISATION_KINDS, PLACE_KINDS, SITUATION_KINDS } from '@wangge/shared/register/record-kinds';
import { useId } from 'react';
import { useTable } from '../../i18n/i18n';
import { EMPTY_FILL, REGISTER_FILLS } from '../../map/cell-style';
import type { RegisterLayerState } from './use-register-layer';
import type { PointsState } from './use-register-points';

const ZH = {
  label: '综治图层',
  cases: '案件（在办/超期）',
  PERSON: '实有人口',
  'PERSON:KEY': '重点人员（合计）',
  'PERSON:CONCERN': '关注对象（合计）',
  'PERSON:AID': '救助人员（合计）',
  'VISIT:OVERDUE': '逾期未走访',
  PLACE: '房屋场所（合计）',
  THING: '城市部件（合计）',
  'THING:FAULTY': '部件异常（破损、丢失、占用、废弃）',
  ORGANISATION: '组织（合计）',
  SITUATION: '民情日志（合计）',
  groupPERSON: '人',
  groupPLACE: '地',
  groupTHING: '物',
  groupORGANISATION: '组织',
  groupSITUATION: '情',
  legendNone: '无',
  legendMore: '由少到多（最多 {max}）',
  totalPERSON: '合计 {n} 人',
  totalPLACE: '合计 {n} 处',
  totalTHING: '合计 {n} 件',
  totalORGANISATION: '合计 {n} 个',
  totalSITUATION: '合计 {n} 条',
  pointsZoomIn: '放大到村级可见点位',
  pointsDenied: '无权查看这些记录的点位',
  pointsShown: '视野内 {n} 个点位，点击查看记录',
  pointsTruncated: '视野内点位较多，仅显示 {n} 个，请放大',
};
const EN: typeof ZH = {
  label: 'Register layer',
  cases: 'Cases (open/overdue)',
  PERSON: 'Residents',
  'PERSON:KEY': 'Key persons (all)',
  'PERSON:CONCERN': 'Persons of concern (all)',
  'PERSON:AID': 'Receiving assistance (all)',
  'VISIT:OVERDUE': 'Home visits overdue',
  PLACE: 'Places (all)',
  THING: 'City components (all)',
  'THING:FAULTY': 'Components at fault (damaged, missing, occupied, disused)',
  ORGANISATION: 'Organisations (all)',
  SITUATION: 'Situation log (all)',
  groupPERSON: 'People',
  groupPLACE: 'Places',
  groupTHING: 'Things',
  groupORGANISATION: 'Organisations',
  groupSITUATION: 'Situations',
  legendNone: 'None',
  legendMore: 'Fewer to more (highest {max})',
  totalPERSON: '{n} persons in all',
  totalPLACE: '{n} places in all',
  totalTHING: '{n} components in all',
  totalORGANISATION: '{n} organisations in all',
  totalSITUATION: '{n} entries in all',
  pointsZoomIn: 'Zoom in to village level to see the points',
  pointsDenied: 'Your role may not see these records as points',
  pointsShown: '{n} points in view; click one to open its record',
  pointsTruncated: 'Many points in view: {n} shown; zoom in',
};
type Key = keyof typeof ZH;

/** The named classes of every type, by layer key. */
const CLASS_BY_LAYER = new Map<string, { zh: string; en: string }>([
  ...PERSON_CLASSES.map((c) => [`PERSON:${c.code}`, c] as const),
  ...PLACE_KINDS.map((c) => [`PLACE:${c.code}`, c] as const),
  ...COMPONENT_TOP_CLASSES.map((c) => [`THING:${c.code}`, c] as const),
  ...ORGANISATION_KINDS.map((c) => [`ORGANISATION:${c.code}`, c] as const),
  ...SITUATION_KINDS.map((c) => [`SITUATION:${c.code}`, c] as const),
]);
const GROUPS = ['PERSON', 'PLACE', 'THING', 'ORGANISATION', 'SITUATION'] as const;
/** The group a layer is offered under: overdue visits are about people. */
const groupOf = (layer: string) => {
  const type = layer.split(':')[0]!;
  return type === 'VISIT' ? 'PERSON' : type;
};

/**
 * 综治图层: which register layer colours the cells (the cases by default), grouped as 人、地、
 * 物、组织、情, and what the blue shades mean; at village zoom a place, component or organisation
 * layer also shows its records as points (use-register-points.ts). Only the layers the caller may count are offered
 * (the server says which).
 */
export function RegisterLayerControl({ state, points }: { state: RegisterLayerState; points: PointsState }) {
  const { text, locale } = useTable(ZH, EN);
  const id = useId();
  if (state.available.length === 0) return null;
  const nameOf = (layer: string) => {
    const cls = CLASS_BY_LAYER.get(layer);
    if (cls) return `· ${locale === 'en' ? cls.en : cls.zh}`;
    return layer in ZH ? text(layer as Key) : layer;
  };
  const group = state.layer ? groupOf(state.layer) : 'PERSON';
  return (
    <div className="cmd-register" data-testid="register-layer">
      <label htmlFor={id}>{text('label')}</label>
      <select id={id} value={state.layer} onChange={(e) => state.setLayer(e.target.value)}>
        <option value="">{text('cases')}</option>
        {GROUPS.map((g) => {
          const layers = state.available.filter((l) => groupOf(l) === g);
          return layers.length === 0 ? null : (
            <optgroup key={g} label={text(`group${g}` as Key)}>
              {layers.map((layer) => (
                <option key={layer} value={layer}>
                  {nameOf(layer)}
                </option>
              ))}
            </optgroup>
          );
        })}
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
          <output data-testid="register-total">
            {text(`total${group}` as Key, { n: state.total.toLocaleString() })}
          </output>
          {points.status !== 'none' && points.status !== 'loading' && (
            <output data-testid="register-points" data-status={points.status}>
              {points.status === 'zoom-in'
                ? text('pointsZoomIn')
                : points.status === 'denied'
                  ? text('pointsDenied')
                  : text(points.truncated ? 'pointsTruncated' : 'pointsShown', { n: points.count })}
            </output>
          )}
        </span>
      )}
    </div>
  );
}
