import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileRow {
  name: string;
  selfMs: number;
  /** Share of busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  busyMs: number;
  idleMs: number;
  byGroup: ProfileRow[];
  byFunction: ProfileRow[];
  /** Inclusive (self + callees) time of selected frames, e.g. the Prisma client's entry points. */
  inclusive: ProfileRow[];
}

/** Where a frame's code lives: an npm package, a folder of this repo, Node itself, or V8. */
export function groupOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle)
    return '(native: V8 builtins / C++ addons)';
  }
  const pkg = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    const name = pkg[1]!;
    if (name === '@prisma/client') {
      if (url.includes('query_compiler')) return '@prisma/client (query compiler, wasm glue)';
      return '@prisma/client (client runtime)';
    }
    return name;
  }
  if (url.startsWith('wasm://')) return 'wasm (Prisma query compiler)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const repo = /\/(api\/src\/generated|api\/src|shared\/src|prisma|bench)\//.exec(url);
  if (repo) return repo[1] === 'api/src/generated' ? 'api/src/generated (Prisma client)' : `${repo[1]}/`;
  return url;
}

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/.*\/work\/main\//, '');

export type FrameMatcher = [label: string, match: (f: ProfileNode['callFrame']) => boolean];

/** `inclusiveFrames` replaces the default selection of frames whose inclusive time is reported. */
export function summarizeProfile(file: string, top = 20, inclusiveFrames?: FrameMatcher[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + dt);
  });

  let idleMs = 0;
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const INCLUSIVE: FrameMatcher[] = inclusiveFrames ?? [
    ['express.json() body parsing (body-parser)', (f) => /body-parser|raw-body/.test(f.url)],
    ['zod parsing', (f) => /\/zod\//.test(f.url)],
    ['better-sqlite3 calls (prepare/run/all, incl. SQLite)', (f) => /better-sqlite3\/lib/.test(f.url)],
    [
      'Prisma query compiler (wasm, incl. callees)',
      (f) => f.url.startsWith('wasm://') || /query_compiler/.test(f.url),
    ],
    ['bcrypt/scrypt password hashing', (f) => /scrypt|bcrypt/i.test(f.functionName)],
    ['JSON.stringify / JSON.parse', (f) => !f.url && /^(stringify|parse)$/.test(f.functionName)],
  ];
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const group = groupOf(frame);
    groups.set(group, (groups.get(group) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    // Inclusive: charge each labelled ancestor once per sample.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      for (const [label, match] of INCLUSIVE) {
        if (!seen.has(label) && match(f)) {
          seen.add(label);
          inclusive.set(label, (inclusive.get(label) ?? 0) + ms);
        }
      }
    }
  }
  const busyMs = [...groups.values()].reduce((s, v) => s + v, 0);
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / busyMs }));
  return {
    file,
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs,
    idleMs,
    byGroup: rows(groups, top),
    byFunction: rows(functions, top),
    inclusive: rows(inclusive, INCLUSIVE.length),
  };
}
