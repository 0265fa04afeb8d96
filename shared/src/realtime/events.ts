import type { CaseState, Role, UnitLevel } from '../domain/constants';
import type { ErrorBody } from '../errors';

/** A committed case event as pushed to clients. `seq` is the log's global sequence number. */
export interface CaseEventMessage {
  seq: number;
  caseId: string;
  caseCode: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  fromLevel: UnitLevel | null;
  toLevel: UnitLevel;
  toUnitCode: string;
  gridCode: string;
  /** The user who acted, or the system (role SYSTEM) for timer alarms and auto-escalation. */
  actor: {
    id: string;
    role: Role | 'SYSTEM';
    unitCode: string | null;
    departmentId: string | null;
    name: string;
  };
  reason: string | null;
  payload: Record<string, unknown> | null;
  createdAt: string;
  /** True when delivered by catch-up after a reconnect rather than live. */
  replayed: boolean;
}

/** A user coming online or going offline (grid workers and department staff). */
export interface PresenceMessage {
  userId: string;
  displayName: string;
  role: Role;
  online: boolean;
  unitCodes: readonly string[];
  departmentId: string | null;
}

/** Answer to a socket request: the HTTP body shape. */
export type Ack<T> = { data: T } | ErrorBody;

/** Broadcast names (entity:past-tense) by the case action that produced them. */
export const BROADCAST_BY_ACTION: Record<string, keyof CaseBroadcasts> = {
  REPORT: 'case:reported',
  DISPATCH: 'task:dispatched',
  CLAIM: 'task:claimed',
  WHISTLE: 'whistle:called',
  REPORT_IN: 'whistle:reported-in',
  YELLOW_CARD: 'case:warned',
  RED_CARD: 'case:overdue',
};

/** Every case-event broadcast; all carry a CaseEventMessage. */
export interface CaseBroadcasts {
  /** A new case was reported. */
  'case:reported': (e: CaseEventMessage) => void;
  /** A case changed state or owner (every action without a more specific name). */
  'case:transitioned': (e: CaseEventMessage) => void;
  /** A case was dispatched to departments: a task offer for their staff. */
  'task:dispatched': (e: CaseEventMessage) => void;
  /** A department signed for its task; `actor` says who. */
  'task:claimed': (e: CaseEventMessage) => void;
  /** Departments were whistled (吹哨) to report in. */
  'whistle:called': (e: CaseEventMessage) => void;
  /** A whistled department reported in (报到). */
  'whistle:reported-in': (e: CaseEventMessage) => void;
  /** Yellow card: a stage deadline is close (预警). */
  'case:warned': (e: CaseEventMessage) => void;
  /** Red card: a stage deadline passed (超期). Auto-escalation follows as case:transitioned. */
  'case:overdue': (e: CaseEventMessage) => void;
}

/** Every case-event broadcast name, for clients that listen to all of them. */
export const CASE_BROADCAST_NAMES = [
  'case:reported',
  'case:transitioned',
  'task:dispatched',
  'task:claimed',
  'whistle:called',
  'whistle:reported-in',
  'case:warned',
  'case:overdue',
] as const satisfies readonly (keyof CaseBroadcasts)[];

/** The broadcast name of a case event. */
export function broadcastNameOf(action: string): keyof CaseBroadcasts {
  return BROADCAST_BY_ACTION[action] ?? 'case:transitioned';
}

/** Server → client events. */
export interface ServerToClientEvents extends CaseBroadcasts {
  /** Catch-up finished: everything up to `seq` was delivered; live events follow. */
  'sync:completed': (info: { seq: number; replayed: number }) => void;
  /** Too much was missed to replay: reload lists from the API, then continue from `seq`. */
  'sync:reset': (info: { seq: number; reason: string }) => void;
  'presence:changed': (p: PresenceMessage) => void;
  /** The register counts of a cell changed: refetch its layers (GET /api/register/layers). */
  'register:counts': (m: RegisterCountsMessage) => void;
}

/** Which cell's register counts changed; no figures (the watchers of a room see different ones). */
export interface RegisterCountsMessage {
  gridCode: string;
}

/** Client → server requests, each answered through an ack. */
export interface ClientToServerEvents {
  /** Follow one case live (its viewers' room); refused outside the caller's jurisdiction. */
  'case:subscribe': (req: { caseId: string }, ack: (res: Ack<{ caseId: string }>) => void) => void;
  'case:unsubscribe': (req: { caseId: string }, ack: (res: Ack<{ caseId: string }>) => void) => void;
  /** Take a workflow action, as POST /api/cases/:id/actions (body with `action`, `version`, …). */
  'case:act': (req: { caseId: string; input: unknown }, ack: (res: Ack<unknown>) => void) => void;
  /** Field staff online under a unit of the caller's jurisdiction. */
  'presence:list': (req: { unitCode: string }, ack: (res: Ack<PresenceMessage[]>) => void) => void;
}

/** What the client sends in the handshake: its token and the last sequence number it saw. */
export interface HandshakeAuth {
  token: string;
  /** Omit on first connect: only live events follow. */
  lastSeq?: number;
}
