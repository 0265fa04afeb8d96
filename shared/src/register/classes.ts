/**
 * The management classes of the register (domain.md §6): 重点人员 (key persons), 关注对象
 * (persons of concern) and 救助人员 (persons receiving assistance), each sub-class with the
 * visiting frequency a grid worker's plan follows. The frequencies are the common practice
 * of Shandong 综治 centres (key persons monthly or more often, the vulnerable weekly to
 * monthly); a deployment may change this table.
 */
export const CLASS_GROUPS = ['KEY', 'CONCERN', 'AID'] as const;
export type ClassGroup = (typeof CLASS_GROUPS)[number];

export interface PersonClass {
  code: string;
  group: ClassGroup;
  zh: string;
  en: string;
  /** Days between two home visits (入户走访). */
  visitEveryDays: number;
}

/** Every class a person may be tagged with. */
export const PERSON_CLASSES = [
  {
    code: 'KEY_COMMUNITY_CORRECTION',
    group: 'KEY',
    zh: '社区矫正',
    en: 'Community correction',
    visitEveryDays: 7,
  },
  { code: 'KEY_RELEASED', group: 'KEY', zh: '刑满释放', en: 'Released from prison', visitEveryDays: 30 },
  {
    code: 'KEY_SEVERE_MENTAL',
    group: 'KEY',
    zh: '严重精神障碍',
    en: 'Severe mental disorder',
    visitEveryDays: 14,
  },
  { code: 'KEY_DRUG', group: 'KEY', zh: '吸毒', en: 'Drug use', visitEveryDays: 14 },
  { code: 'KEY_PETITION', group: 'KEY', zh: '重点信访', en: 'Key petitioner', visitEveryDays: 30 },
  {
    code: 'CONCERN_ELDERLY_ALONE',
    group: 'CONCERN',
    zh: '独居老人',
    en: 'Elderly living alone',
    visitEveryDays: 7,
  },
  {
    code: 'CONCERN_LEFT_BEHIND_CHILD',
    group: 'CONCERN',
    zh: '留守儿童',
    en: 'Left-behind child',
    visitEveryDays: 14,
  },
  {
    code: 'CONCERN_CHILD_IN_DIFFICULTY',
    group: 'CONCERN',
    zh: '困境儿童',
    en: 'Child in difficulty',
    visitEveryDays: 14,
  },
  {
    code: 'CONCERN_DISABLED',
    group: 'CONCERN',
    zh: '残疾人',
    en: 'Person with a disability',
    visitEveryDays: 30,
  },
  {
    code: 'AID_SUBSISTENCE',
    group: 'AID',
    zh: '低保',
    en: 'Minimum subsistence allowance',
    visitEveryDays: 30,
  },
  {
    code: 'AID_EXTREME_POVERTY',
    group: 'AID',
    zh: '特困',
    en: 'Extreme poverty support',
    visitEveryDays: 30,
  },
  { code: 'AID_TEMPORARY', group: 'AID', zh: '临时救助', en: 'Temporary assistance', visitEveryDays: 90 },
] as const satisfies readonly PersonClass[];

export type PersonClassCode = (typeof PERSON_CLASSES)[number]['code'];

/** The class codes, for validation. */
export const PERSON_CLASS_CODES = PERSON_CLASSES.map((c) => c.code) as [
  PersonClassCode,
  ...PersonClassCode[],
];

const BY_CODE = new Map<string, PersonClass>(PERSON_CLASSES.map((c) => [c.code, c]));

/** The class of a code, or undefined for an unknown code. */
export function findPersonClass(code: string): PersonClass | undefined {
  return BY_CODE.get(code);
}

/** The group of a class code (undefined when unknown). */
export function groupOfClass(code: string): ClassGroup | undefined {
  return BY_CODE.get(code)?.group;
}

/** Residence kinds: 户籍 (registered here), 常住 (resident), 流动 (floating), 境外 (from abroad). */
export const RESIDENCE_KINDS = ['HOUSEHOLD', 'RESIDENT', 'FLOATING', 'FOREIGN'] as const;
export type ResidenceKind = (typeof RESIDENCE_KINDS)[number];
