/**
 * City components (城市部件) after GB/T 30428.2 (数字化城市管理信息系统 第2部分：管理部件和事件).
 * The six top classes and their two-digit codes are the standard's. The four-digit small-class
 * codes below follow the standard's numbering scheme (top class + serial) and its names as far
 * as this project could check them; the serials are an assumption to verify against the
 * deployment's copy of the standard (docs/register.md says which is which).
 */
export const COMPONENT_TOP_CLASSES = [
  { code: '01', zh: '公用设施', en: 'Public utilities' },
  { code: '02', zh: '道路交通', en: 'Roads and traffic' },
  { code: '03', zh: '市容环境', en: 'City appearance and environment' },
  { code: '04', zh: '园林绿化', en: 'Parks and greenery' },
  { code: '05', zh: '房屋土地', en: 'Buildings and land' },
  { code: '06', zh: '其他设施', en: 'Other facilities' },
] as const;

/** A component class: its four-digit code, top class, names. */
export interface ComponentClass {
  code: string;
  top: (typeof COMPONENT_TOP_CLASSES)[number]['code'];
  zh: string;
  en: string;
}

/** The common components a cell records (a deployment extends the table). */
export const COMPONENT_CLASSES = [
  { code: '0101', top: '01', zh: '上水井盖', en: 'Water-supply manhole cover' },
  { code: '0102', top: '01', zh: '污水井盖', en: 'Sewage manhole cover' },
  { code: '0103', top: '01', zh: '雨水井盖', en: 'Storm-water manhole cover' },
  { code: '0104', top: '01', zh: '雨水箅子', en: 'Gully grating' },
  { code: '0105', top: '01', zh: '电力井盖', en: 'Power manhole cover' },
  { code: '0107', top: '01', zh: '通讯井盖', en: 'Telecom manhole cover' },
  { code: '0110', top: '01', zh: '热力井盖', en: 'District-heating manhole cover' },
  { code: '0111', top: '01', zh: '燃气井盖', en: 'Gas manhole cover' },
  { code: '0117', top: '01', zh: '消火栓', en: 'Fire hydrant' },
  { code: '0120', top: '01', zh: '路灯', en: 'Street light' },
  { code: '0203', top: '02', zh: '公交站亭', en: 'Bus shelter' },
  { code: '0206', top: '02', zh: '交通标志牌', en: 'Traffic sign' },
  { code: '0207', top: '02', zh: '交通信号灯', en: 'Traffic light' },
  { code: '0211', top: '02', zh: '护栏', en: 'Guard rail' },
  { code: '0301', top: '03', zh: '公共厕所', en: 'Public toilet' },
  { code: '0304', top: '03', zh: '垃圾箱', en: 'Litter bin' },
  { code: '0305', top: '03', zh: '广告牌匾', en: 'Billboard' },
  { code: '0401', top: '04', zh: '古树名木', en: 'Heritage tree' },
  { code: '0402', top: '04', zh: '行道树', en: 'Street tree' },
  { code: '0404', top: '04', zh: '绿地', en: 'Green space' },
] as const satisfies readonly ComponentClass[];

/** The codes of {@link COMPONENT_CLASSES}, for validation. */
export const COMPONENT_CLASS_CODES = COMPONENT_CLASSES.map((c) => c.code) as [
  (typeof COMPONENT_CLASSES)[number]['code'],
  ...(typeof COMPONENT_CLASSES)[number]['code'][],
];

/** A component's state: 完好, 破损, 丢失, 被占用, 废弃. */
export const THING_STATES = [
  { code: 'NORMAL', zh: '完好', en: 'Normal' },
  { code: 'DAMAGED', zh: '破损', en: 'Damaged' },
  { code: 'MISSING', zh: '丢失', en: 'Missing' },
  { code: 'OCCUPIED', zh: '被占用', en: 'Occupied' },
  { code: 'DISUSED', zh: '废弃', en: 'Disused' },
] as const;
