import type { CaseCaller } from '../hotline/CallerPanel';
/** A case as GET /api/cases/:id returns it (the fields the screens use). */
export interface CaseDetail {
  id: string;
  code: string;
  title: string;
  description: string;
  categoryCode: string;
  state: string;
  priority: string;
  source: string;
  ownerLevel: string;
  ownerUnitCode: string;
  gridCode: string;
  address: string | null;
  location: { lon: number; lat: number };
  version: number;
  reworkCount: number;
  deadlines: { stage: string | null; handle: string | null };
  createdAt: string;
  tasks: { id: string; departmentId: string; isLead: boolean; state: string; claimedById: string | null }[];
  whistles: { departmentId: string; deadline: string; reportedInAt: string | null }[];
  events: {
    seq: number;
    action: string;
    actorId: string;
    actorRole: string;
    actorUnitCode: string | null;
    actorDepartmentId: string | null;
    toState: string;
    toUnitCode: string;
    reason: string | null;
    payload: Record<string, unknown> | null;
    attachments: { id: string; url: string; mime: string }[];
    createdAt: string;
  }[];
  availableActions: string[];
  /** 并案: the master it was merged into, the duplicates merged into it (absent on a new report). */
  merge?: CaseMerge;
  mergedIntoId?: string | null;
  /** The 12345 caller (desk or exchange), the phone masked; null on other cases. */
  caller?: CaseCaller | null;
  /** Display names of the units, cell and departments the case mentions. */
  names: {
    units: Record<string, string>;
    departments: Record<string, string>;
    grid: string;
    people: Record<string, string>;
  };
}

/** A case's merge links (并案), as GET /api/cases/:id returns them. */
export interface CaseMerge {
  mergedInto: { id: string; code: string; title: string; state: string } | null;
  duplicates: {
    id: string;
    code: string;
    title: string;
    state: string;
    source: string;
    createdAt: string;
    photos: { id: string; url: string; mime: string }[];
  }[];
  followerCount: number;
  /** Whether this desk may merge the case into another now. */
  canMerge: boolean;
}

/** A case in a list (GET /api/cases). */
export interface CaseSummary {
  id: string;
  code: string;
  title: string;
  categoryCode: string;
  source: string;
  state: string;
  priority: string;
  ownerUnitCode: string;
  gridCode: string;
  leadDepartmentId: string | null;
  version: number;
  deadlines: { stage: string | null; handle: string | null };
  isOverdue: boolean;
  address: string | null;
  createdAt: string;
  updatedAt: string;
  /** A merged duplicate: the master case it follows. */
  mergedIntoId?: string | null;
  /** Names of the cell, the owning unit and the lead department (lists show words, not codes). */
  names: { grid: string; owner: string; leadDepartment: string | null };
}
