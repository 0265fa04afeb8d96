import type { CaseSource, CaseState, Role, TaskState, UnitLevel } from '../domain/constants';

/** Who is acting: enough of a user to decide what they may do. */
export interface WorkflowActor {
  id: string;
  role: Role;
  /** The unit the user works for (village station, township centre …), if any. */
  unitCode: string | null;
  departmentId: string | null;
  /** Grid cells a grid worker serves. */
  gridCodes: readonly string[];
}

/** A dispatch of the case to one department, as the workflow needs to see it. */
export interface WorkflowTask {
  departmentId: string;
  isLead: boolean;
  state: TaskState;
  claimedAt: Date | null;
  returnDeadline: Date;
}

/** The parts of a case the workflow decides on. */
export interface WorkflowCase {
  state: CaseState;
  ownerLevel: UnitLevel;
  ownerUnitCode: string;
  gridCode: string;
  source: CaseSource;
  reporterId: string;
  extensionDays: number;
  handleDeadline: Date | null;
  tasks: readonly WorkflowTask[];
  /** Whistle calls (吹哨) to departments, reported in or not. */
  whistles: readonly { departmentId: string; reportedInAt: Date | null }[];
}
