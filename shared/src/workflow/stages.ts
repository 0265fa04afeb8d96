import type { Stage } from '../calendar/time-limits';
import type { CaseState } from '../domain/constants';

/**
 * The time-limited step a case in this state is waiting for, or null when no clock runs
 * (suspended, or finished). CLAIMED and EXTENSION_REQUESTED wait for handling: their
 * deadline is the handling deadline set at dispatch.
 */
export function stageOf(state: CaseState): Stage | null {
  switch (state) {
    case 'REPORTED':
    case 'ESCALATED':
      return 'REGISTER';
    case 'VERIFYING':
      return 'VERIFY';
    case 'REGISTERED':
    case 'RETURN_REQUESTED':
    case 'SELF_RESOLVED':
    case 'CHECKED':
      return 'DISPATCH';
    case 'DISPATCHED':
      return 'CLAIM';
    case 'CLAIMED':
    case 'EXTENSION_REQUESTED':
      return 'HANDLE';
    case 'CHECKING':
      return 'CHECK';
    case 'CLOSED':
      return 'CALLBACK';
    case 'SUSPENDED':
    case 'REJECTED':
    case 'ARCHIVED':
    case 'MERGED':
      return null;
  }
}
