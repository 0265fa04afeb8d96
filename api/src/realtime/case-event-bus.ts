import { EventEmitter } from 'node:events';
import type { CaseEvent } from '../generated/prisma/client';

/** A committed case event: the log row as written, and who took it (for display). */
export interface CommittedCaseEvent {
  event: CaseEvent;
  caseCode: string;
  actorName: string;
}

/**
 * The one place committed case events leave the services. Services publish only after their
 * transaction commits; the Socket.IO broadcaster subscribes here.
 */
export function createCaseEventBus() {
  const emitter = new EventEmitter();
  return {
    publish(events: CommittedCaseEvent[]) {
      if (events.length > 0) emitter.emit('committed', events);
    },
    subscribe(listener: (events: CommittedCaseEvent[]) => void): () => void {
      emitter.on('committed', listener);
      return () => emitter.off('committed', listener);
    },
    /** Reference data (grid cells, units, categories, holidays) changed in the database. */
    referenceChanged() {
      emitter.emit('reference');
    },
    onReferenceChanged(listener: () => void): () => void {
      emitter.on('reference', listener);
      return () => emitter.off('reference', listener);
    },
    /** The register counts of some cells changed (committed): their map layers are stale. */
    registerCountsChanged(gridCodes: readonly string[]) {
      if (gridCodes.length > 0) emitter.emit('register-counts', [...new Set(gridCodes)]);
    },
    onRegisterCounts(listener: (gridCodes: string[]) => void): () => void {
      emitter.on('register-counts', listener);
      return () => emitter.off('register-counts', listener);
    },
  };
}
export type CaseEventBus = ReturnType<typeof createCaseEventBus>;
