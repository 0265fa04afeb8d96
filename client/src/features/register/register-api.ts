import { type ClassGroup, PERSON_CLASSES } from '@wangge/shared/register/classes';
import { api, apiPage } from '../../lib/api';

/** A person as the register API shows them: masked, with the classes the caller may see. */
export interface Person {
  id: string;
  name: string;
  gridCode: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  sex: string | null;
  birthDate: string | null;
  residence: string;
  placeId: string | null;
  tags: { code: string; since: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  archiveReason: string | null;
}

export interface PersonDetail extends Person {
  history: {
    at: string;
    userId: string;
    kind: string;
    changes: { field: string; before?: unknown; after?: unknown }[];
  }[];
}

/** GET /api/register/visits/due: one person's next home visit. */
export interface DueVisit {
  personId: string;
  name: string;
  gridCode: string;
  tags: string[];
  lastVisitAt: string | null;
  dueAt: string;
  status: 'OVERDUE' | 'DUE';
}

/** GET /api/register/access-log: one reveal or export. */
export interface AccessLine {
  id: string;
  at: string;
  userId: string;
  username: string;
  role: string;
  action: string;
  personId: string | null;
  fields: string[];
  purpose: string;
}

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export type PersonFilter = { q?: string; grid?: string; tag?: string; archived?: string; unit?: string };
export const fetchPersons = (f: PersonFilter, cursor?: string, limit = 20) =>
  apiPage<Person>(`/api/register/persons${query({ ...f, cursor, limit: String(limit) })}`);
export const fetchPerson = (id: string) => api<PersonDetail>(`/api/register/persons/${id}`);
export const createPerson = (body: unknown) =>
  api<Person>('/api/register/persons', { method: 'POST', json: body });
export const patchPerson = (id: string, body: unknown) =>
  api<Person>(`/api/register/persons/${id}`, { method: 'PATCH', json: body });
export const archivePerson = (id: string, reason: string) =>
  api<Person>(`/api/register/persons/${id}/archive`, { method: 'POST', json: { reason } });
/** The full values: only to be shown in the reveal dialog, never stored. */
export const revealPerson = (id: string, purpose: string) =>
  api<{ idNumber: string | null; phone: string | null }>(`/api/register/persons/${id}/reveal`, {
    method: 'POST',
    json: { purpose },
    cache: 'no-store',
  });
export const anonymisePerson = (id: string) =>
  api<{ id: string; anonymisedAt: string }>(`/api/admin/register/persons/${id}/anonymise`, {
    method: 'POST',
  });
export const fetchDueVisits = (within = 7) => api<DueVisit[]>(`/api/register/visits/due?within=${within}`);

export type AccessFilter = { person?: string; user?: string; from?: string; to?: string };
export const fetchAccessLog = (f: AccessFilter, cursor?: string) =>
  apiPage<AccessLine>(`/api/register/access-log${query({ ...f, cursor })}`);
export const accessLogExportPath = (f: AccessFilter) => `/api/register/access-log/export${query(f)}`;

/**
 * The class groups a role is shown (the API's register policy decides; this only picks the
 * options to offer): the centres, the police liaison and admins see 重点人员 too.
 */
export function groupsForRole(role: string): ClassGroup[] {
  if (role === 'DISPATCHER' || role === 'ADMIN') return ['KEY', 'CONCERN', 'AID'];
  if (role === 'DEPT_STAFF') return ['KEY'];
  return ['CONCERN', 'AID'];
}
export const classesForRole = (role: string) =>
  PERSON_CLASSES.filter((c) => groupsForRole(role).includes(c.group));

/** Roles that record and change persons (the API answers 403 to the others). */
export const writesRegister = (role: string) =>
  role === 'GRID_WORKER' || role === 'STATION_OPERATOR' || role === 'DISPATCHER';
/** Roles that may reveal full values. */
export const mayReveal = (role: string) =>
  role === 'GRID_WORKER' || role === 'DISPATCHER' || role === 'DEPT_STAFF';

/** A Shanghai calendar day of an instant. */
export const shanghaiDayOf = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
