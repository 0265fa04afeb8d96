/**
 * The kinds of the register's records beyond persons (docs/register.md): places (地),
 * organisations (组织), situations (情, 民情日志) and the roles of a cell's 1+N team, each with
 * its Chinese and English name.
 */

/** A place: 楼栋 → 单元 → 户 down to the household, rental housing and key sites. */
export const PLACE_KINDS = [
  { code: 'BUILDING', zh: '楼栋', en: 'Building' },
  { code: 'UNIT', zh: '单元', en: 'Stairwell unit' },
  { code: 'HOUSEHOLD', zh: '户', en: 'Household' },
  { code: 'RENTAL', zh: '出租房屋', en: 'Rental housing' },
  { code: 'SCHOOL', zh: '学校', en: 'School' },
  { code: 'MARKET', zh: '集贸市场', en: 'Market' },
  { code: 'HAZARDOUS', zh: '危化品场所', en: 'Hazardous-goods site' },
  { code: 'OTHER_SITE', zh: '其他重点场所', en: 'Other key site' },
] as const;

/** The kind a place's parent must be: a unit is in a building, a household in a unit or building. */
export const PLACE_PARENT_KINDS: Readonly<Record<string, readonly string[]>> = {
  UNIT: ['BUILDING'],
  HOUSEHOLD: ['UNIT', 'BUILDING'],
  RENTAL: ['UNIT', 'BUILDING'],
};

/** An organisation of a cell (一格一支部: a party branch per cell; 红旗驿站 per village). */
export const ORGANISATION_KINDS = [
  { code: 'ENTERPRISE', zh: '企业', en: 'Enterprise' },
  { code: 'SOCIAL_ORG', zh: '社会组织', en: 'Social organisation' },
  { code: 'PARTY_BRANCH', zh: '网格党支部', en: 'Party branch' },
  { code: 'HONGQI_STATION', zh: '红旗驿站', en: 'Hongqi service station' },
  { code: 'INSTITUTION', zh: '机关事业单位', en: 'Public institution' },
  { code: 'OTHER_ORG', zh: '其他组织', en: 'Other organisation' },
] as const;

/** What a 民情日志 entry is about. */
export const SITUATION_KINDS = [
  { code: 'VISIT', zh: '走访情况', en: 'Visit' },
  { code: 'DISPUTE', zh: '矛盾纠纷', en: 'Dispute' },
  { code: 'DIFFICULTY', zh: '困难诉求', en: 'Hardship or request' },
  { code: 'OPINION', zh: '意见建议', en: 'Opinion or suggestion' },
  { code: 'SAFETY', zh: '安全隐患', en: 'Safety hazard' },
  { code: 'OTHER', zh: '其他', en: 'Other' },
] as const;

/** The roles of a cell's 1+N team: the full-time worker (the 1) and the N around them. */
export const TEAM_ROLES = [
  { code: 'WORKER', zh: '专职网格员', en: 'Full-time grid worker' },
  { code: 'LEADER', zh: '网格长', en: 'Grid leader' },
  { code: 'LEGAL_ADVISOR', zh: '法律顾问', en: 'Legal advisor' },
  { code: 'POLICE', zh: '社区民警', en: 'Community police officer' },
  { code: 'MEDIATOR', zh: '调解员', en: 'Mediator' },
  { code: 'OTHER', zh: '其他成员', en: 'Other member' },
] as const;

/** The codes of a kind table, as a non-empty tuple for z.enum. */
export const codesOf = <T extends { code: string }>(table: readonly T[]) =>
  table.map((k) => k.code) as [T['code'], ...T['code'][]];
