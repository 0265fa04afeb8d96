import type { CaseState } from '../domain/constants';
import { FINAL_STATES } from '../domain/constants';

/**
 * Open311 GeoReport v2 (docs/channels.md): which categories are offered to other systems, what
 * extra fields they ask for, and how a case's state reads to the public.
 */

/**
 * Major classes not offered through Open311: disputes (矛盾纠纷) and public-security leads
 * (治安隐患) name persons, and GeoReport's request list is public. They still come in through
 * the grid workers and the 12345 desk.
 */
export const OPEN311_EXCLUDED_CLASSES: ReadonlySet<string> = new Set(['05', '06']);

/** A category as the services list reads it. */
export interface Open311Category {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
}

/** Whether a (sub-)category is an Open311 service: an active leaf outside the excluded classes. */
export function isOpen311Service(category: Open311Category): boolean {
  return category.parentCode !== null && !OPEN311_EXCLUDED_CLASSES.has(category.parentCode);
}

/**
 * Categories about a city component (城市部件): their service definition asks for the code on
 * the component's plate, so the case names the component (Case.thingId) when it is known.
 * The values are the component classes (shared/src/register/components.ts) such a code may be.
 */
export const COMPONENT_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  '0802': ['0120'],
  '0803': ['0101', '0102', '0103', '0104', '0105', '0107', '0110', '0111'],
};

/** The attribute code of a component's plate code, in a service definition and in `attribute[…]`. */
export const COMPONENT_ATTRIBUTE = 'component_code';

/** Whether a service has attributes (`metadata` true and a definition worth reading). */
export const hasOpen311Metadata = (serviceCode: string) => serviceCode in COMPONENT_CATEGORIES;

/** What a request's answer says besides its id (the specification's service_notice). */
export const OPEN311_SERVICE_NOTICE =
  '已转入聊城市网格化管理平台，立案后按时限处置。Passed to the Liaocheng grid platform; handled within its time limits once registered.';

/** GeoReport's two statuses: closed once nothing more will be done (closed, archived, rejected). */
export function open311Status(state: CaseState): 'open' | 'closed' {
  return state === 'CLOSED' || FINAL_STATES.includes(state) ? 'closed' : 'open';
}

/**
 * Public words for where a case stands (status_notes): fixed phrases per state, never a
 * handler's free text, so no name or personal detail reaches the public list.
 */
export const PUBLIC_STATE_NOTES: Readonly<Record<CaseState, string>> = {
  REPORTED: '已收到，等待受理。Received, waiting to be registered.',
  VERIFYING: '网格员正在现场核实。A grid worker is checking on site.',
  SELF_RESOLVED: '网格员已现场处置，等待确认。Handled on the spot, awaiting confirmation.',
  REJECTED: '经核实不予立案。Not registered after checking.',
  REGISTERED: '已立案，等待派遣。Registered, to be dispatched.',
  ESCALATED: '已上报上级处理。Passed to the level above.',
  DISPATCHED: '已派遣至责任部门。Dispatched to the responsible department.',
  RETURN_REQUESTED: '正在重新派遣。Being dispatched again.',
  CLAIMED: '责任部门正在处置。The responsible department is handling it.',
  EXTENSION_REQUESTED: '责任部门正在处置。The responsible department is handling it.',
  SUSPENDED: '已列为长期问题挂账处理。Parked as a long-term issue.',
  CHECKING: '处置完毕，等待现场核查。Handled, awaiting the on-site check.',
  CHECKED: '核查通过，等待结案。Checked, to be closed.',
  CLOSED: '已办结。Resolved and closed.',
  ARCHIVED: '已办结归档。Resolved and archived.',
  MERGED: '与同一事件的其他反映合并办理。Merged with another report of the same incident.',
};

/**
 * FixMyStreet's update statuses (its servicerequestupdates extension) for a case's state, finer
 * than open/closed, so a FixMyStreet site shows "action scheduled", "in progress", "fixed".
 */
export function fixMyStreetStatus(state: CaseState): string {
  switch (state) {
    case 'REPORTED':
      return 'open';
    case 'VERIFYING':
      return 'investigating';
    case 'REGISTERED':
    case 'ESCALATED':
    case 'DISPATCHED':
    case 'RETURN_REQUESTED':
      return 'action_scheduled';
    case 'REJECTED':
      return 'no_further_action';
    case 'MERGED':
      return 'duplicate';
    case 'CLOSED':
    case 'ARCHIVED':
      return 'fixed';
    default:
      return 'in_progress';
  }
}

/** A W3C date-time in China Standard Time (GeoReport asks for an offset): 2026-11-23T10:00:00+08:00. */
export function toW3cShanghai(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
