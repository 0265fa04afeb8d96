import { describe, expect, it } from 'vitest';
import { open311Window } from './window';

describe('open311Window', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const days = (w: { start: Date; end: Date }) => (w.end.getTime() - w.start.getTime()) / 86_400_000;

  it('reads the last 90 days by default', () => {
    const w = open311Window({}, now);
    expect(w.end).toEqual(now);
    expect(days(w)).toBe(90);
  });

  it('spans 90 days from a start or up to an end, and keeps both when both are given', () => {
    const start = open311Window({ start_date: '2026-01-01T00:00:00+08:00' }, now);
    expect(start.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(days(start)).toBe(90);
    const end = open311Window({ end_date: '2026-06-01T00:00:00Z' }, now);
    expect(end.end.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(days(end)).toBe(90);
    const both = open311Window({ start_date: '2025-01-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, now);
    expect(days(both)).toBe(365);
  });
});
