import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * CPU time of other processes from /proc (Linux): the API nodes, PostgreSQL (postmaster + its
 * backends), Redis, the baseline servers and load generators, without any help from them.
 * Elsewhere every reading is 0.
 */
let tick = 100;
try {
  tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

/** {ppid, cpuMs} of one process, or null when it is gone. */
function stat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid … utime(14) stime(15)": comm may hold spaces or parentheses.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / tick };
  } catch {
    return null;
  }
}

/** A process to watch; `tree` adds its direct children (PostgreSQL's backends). */
export interface Watched {
  pid: number;
  tree?: boolean;
}

/** CPU ms used so far, per group, per process. */
export type CpuSnapshot = Record<string, Map<number, number>>;

export function snapshot(groups: Record<string, readonly Watched[]>): CpuSnapshot {
  const roots = new Map<number, string>();
  for (const [name, list] of Object.entries(groups)) for (const w of list) if (w.tree) roots.set(w.pid, name);
  const out: CpuSnapshot = {};
  for (const [name, list] of Object.entries(groups)) {
    const m = new Map<number, number>();
    for (const w of list) {
      const s = stat(w.pid);
      if (s) m.set(w.pid, s.cpuMs);
    }
    out[name] = m;
  }
  if (roots.size > 0) {
    let entries: string[] = [];
    try {
      entries = readdirSync('/proc');
    } catch {}
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const s = stat(Number(entry));
      const group = s ? roots.get(s.ppid) : undefined;
      if (s && group) out[group]!.set(Number(entry), s.cpuMs);
    }
  }
  return out;
}

/**
 * CPU ms used per group between two snapshots: a process started in between counts from zero;
 * one that exited in between is lost (pooled backends live on).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, m] of Object.entries(after)) {
    let ms = 0;
    for (const [pid, v] of m) ms += v - (before[name]?.get(pid) ?? 0);
    out[name] = ms;
  }
  return out;
}

/** Busy CPU ms of the whole machine so far (summed over cores). */
export function machineBusyMs(): number {
  let busy = 0;
  for (const c of cpus()) busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return busy;
}
