import type { WorkflowActor } from '@wangge/shared/workflow/types';

/** The authenticated caller: a workflow actor plus who they are. Never carries a password. */
export interface AuthUser extends WorkflowActor {
  username: string;
  displayName: string;
  sessionId: string;
}
