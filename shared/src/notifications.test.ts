import { describe, expect, it } from 'vitest';
import { mayConcern, type NotifiableEvent, notificationFor, type Recipient } from './notifications';

const VILLAGE = '371502001001';
const event = (action: string, extra: Partial<NotifiableEvent> = {}): NotifiableEvent => ({
  action,
  actorId: 'someone-else',
  toUnitCode: VILLAGE,
  reporterId: 'worker',
  departmentIds: ['CG'],
  source: 'GRID_WORKER',
  ...extra,
});
const person = (id: string, role: string, extra: Partial<Recipient> = {}): Recipient => ({
  id,
  role,
  unitCode: null,
  departmentId: null,
  ...extra,
});
const worker = person('worker', 'GRID_WORKER');
const desk = person('desk', 'STATION_OPERATOR', { unitCode: VILLAGE });
const otherDesk = person('desk2', 'STATION_OPERATOR', { unitCode: '371502001002' });
const cg = person('cg', 'DEPT_STAFF', { departmentId: 'CG' });
const ga = person('ga', 'DEPT_STAFF', { departmentId: 'GA' });
const hotline = person('hotline', 'HOTLINE', { unitCode: '371500000000' });
const viewer = person('viewer', 'VIEWER', { unitCode: '371500000000' });

describe('who is told of a case event', () => {
  it('tells the reporter that their report moved, not of the report itself or their own steps', () => {
    expect(notificationFor(event('REGISTER'), worker)).toBe('REPORT_MOVED');
    expect(notificationFor(event('CLOSE'), worker)).toBe('REPORT_MOVED');
    expect(notificationFor(event('REPORT'), worker)).toBeNull();
    expect(notificationFor(event('CHECK_PASS', { actorId: 'worker' }), worker)).toBeNull();
  });
  it('offers a dispatched or whistled task to its department only', () => {
    expect(notificationFor(event('DISPATCH'), cg)).toBe('TASK_OFFERED');
    expect(notificationFor(event('WHISTLE'), cg)).toBe('TASK_OFFERED');
    expect(notificationFor(event('DISPATCH'), ga)).toBeNull();
    expect(notificationFor(event('DISPATCH'), viewer)).toBeNull();
  });
  it('warns the desk and the departments holding a case of its yellow and red cards and supervision', () => {
    expect(notificationFor(event('YELLOW_CARD'), desk)).toBe('DEADLINE_YELLOW');
    expect(notificationFor(event('RED_CARD'), cg)).toBe('DEADLINE_RED');
    expect(notificationFor(event('SUPERVISE'), desk)).toBe('SUPERVISED');
    expect(notificationFor(event('RED_CARD'), otherDesk)).toBeNull();
    expect(notificationFor(event('RED_CARD'), ga)).toBeNull();
    // Cards are the desk's business, not the reporter's.
    expect(notificationFor(event('RED_CARD'), worker)).toBeNull();
  });
  it('asks the hotline to call back on closed citizen cases only', () => {
    expect(notificationFor(event('CLOSE', { source: 'HOTLINE', reporterId: 'x' }), hotline)).toBe(
      'CALLBACK_DUE',
    );
    expect(notificationFor(event('CLOSE', { source: 'CITIZEN', reporterId: 'x' }), hotline)).toBe(
      'CALLBACK_DUE',
    );
    expect(notificationFor(event('CLOSE', { source: 'GRID_WORKER', reporterId: 'x' }), hotline)).toBeNull();
    // The hotline's own report: told of its moves like any reporter.
    expect(notificationFor(event('REGISTER', { source: 'HOTLINE', reporterId: 'hotline' }), hotline)).toBe(
      'REPORT_MOVED',
    );
  });
  it('never notifies of timer-only or query steps outside the list', () => {
    expect(notificationFor(event('CLAIM'), worker)).toBeNull();
    expect(notificationFor(event('REPORT_IN'), desk)).toBeNull();
  });

  it('lets a bell skip live events that cannot concern it, and never one that does', () => {
    const all = ['REGISTER', 'DISPATCH', 'WHISTLE', 'YELLOW_CARD', 'RED_CARD', 'SUPERVISE', 'CLOSE', 'CLAIM'];
    const people = [
      worker,
      desk,
      otherDesk,
      cg,
      ga,
      hotline,
      viewer,
      person('admin', 'ADMIN', { unitCode: VILLAGE }),
    ];
    for (const action of all)
      for (const u of people) {
        const e = event(action, { source: 'HOTLINE' });
        if (notificationFor(e, u)) expect(mayConcern(e, u), `${action} ${u.id}`).toBe(true);
      }
    expect(mayConcern(event('RED_CARD'), viewer)).toBe(false);
    expect(mayConcern(event('RED_CARD'), otherDesk)).toBe(false);
    expect(mayConcern(event('CLAIM'), worker)).toBe(false);
  });
});
