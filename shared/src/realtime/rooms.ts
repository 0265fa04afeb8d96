import { chainOf } from '../domain/unit-codes';

/** Room names: by jurisdiction and party. Only the server puts sockets in rooms. */
export const rooms = {
  /** Everyone whose jurisdiction is this unit (or grid cell). */
  unit: (code: string) => `unit:${code}`,
  /** Staff of a department. */
  dept: (id: string) => `dept:${id}`,
  /** One user, on every device. */
  user: (id: string) => `user:${id}`,
  /** Sockets looking at one case (joined on request, after a scope check). */
  case: (id: string) => `case:${id}`,
  /** Field staff (grid workers, department staff) online under a unit, for presence. */
  presence: (code: string) => `presence:${code}`,
  /** Sockets of one login session, so logout disconnects them. */
  session: (id: string) => `session:${id}`,
  /** Watchers of the register's map layers under a unit or cell (docs/register.md, "Layers"). */
  layers: (code: string) => `layers:${code}`,
} as const;

/** What decides who receives a case event. */
export interface EventAudience {
  caseId: string;
  gridCode: string;
  reporterId: string;
  /** Departments with a task or a whistle call on the case. */
  departmentIds: readonly string[];
  /** The case's followers besides its reporter (attached or merged reports). */
  followerIds?: readonly string[];
}

/**
 * Every room a case event goes to: the unit chain grid → city, its departments, its reporter
 * and followers, its viewers.
 */
export function roomsForCaseEvent(a: EventAudience): string[] {
  return [
    ...chainOf(a.gridCode).map(rooms.unit),
    ...a.departmentIds.map(rooms.dept),
    rooms.user(a.reporterId),
    ...(a.followerIds ?? []).map(rooms.user),
    rooms.case(a.caseId),
  ];
}
