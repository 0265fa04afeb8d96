import { EventEmitter } from 'node:events';

/** A committed case event, as the log holds it (seq is the global sequence number). */
export interface CommittedCaseEvent {
  seq: number;
  caseId: string;
  caseCode: string;
  action: string;
  fromState: string | null;
  toState: string;
  toUnitCode: string;
  gridCode: string;
  createdAt: Date;
}

/**
 * The one place committed case events leave the services. Services publish only after their
 * transaction commits; listeners (the Socket.IO broadcaster) subscribe here.
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
  };
}
export type CaseEventBus = ReturnType<typeof createCaseEventBus>;
