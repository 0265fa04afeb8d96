/** One line of the results table. `pass` is null for informational rows. */
export interface Row {
  metric: string;
  api: string;
  raw: string;
  ratio: string;
  target: string;
  pass: boolean | null;
}

export const verdict = (pass: boolean | null) => (pass === null ? 'info' : pass ? 'PASS' : 'MISSED');

export const fmtRate = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)}/s` : '—');
export const fmtMs = (v: number) => (Number.isFinite(v) ? (v < 1 ? v.toFixed(3) : v.toFixed(2)) : '—');
export const fmtPct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');
export const fmtX = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : '—');

const HEAD: readonly string[] = ['metric', 'API', 'raw baseline', 'ratio', 'target', 'pass/fail'];
const cells = (r: Row) => [r.metric, r.api, r.raw, r.ratio, r.target, verdict(r.pass)];

/** Display width: CJK and full-width characters take two columns (≥, —, × take one). */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const width = (s: string) => [...s].reduce((w, ch) => w + (WIDE.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

/** `head` renames the columns (e.g. 'bare socket.io' for the baseline column). */
export function textTable(rows: Row[], head: readonly string[] = HEAD): string {
  const all = [[...head], ...rows.map(cells)];
  const widths = head.map((_, i) => Math.max(...all.map((r) => width(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!)).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}

export function markdownTable(rows: Row[], head: readonly string[] = HEAD): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}
