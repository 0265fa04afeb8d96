/** How urgent a deadline is: red when passed, yellow when less than `warnMs` is left. */
export function deadlineLevel(
  deadline: string | null,
  now: number,
  warnMs = 3_600_000,
): 'none' | 'ok' | 'yellow' | 'red' {
  if (!deadline) return 'none';
  const left = Date.parse(deadline) - now;
  if (left < 0) return 'red';
  return left < warnMs ? 'yellow' : 'ok';
}

/** "2天3小时" / "45分钟" / "超期 1小时" style countdown. */
export function formatCountdown(deadline: string, now: number, locale: string): string {
  const left = Date.parse(deadline) - now;
  const abs = Math.abs(left);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const zh = locale !== 'en';
  const parts = zh
    ? [d ? `${d}天` : '', h ? `${h}小时` : '', !d && m ? `${m}分钟` : ''].join('')
    : [d ? `${d}d` : '', h ? `${h}h` : '', !d && m ? `${m}m` : ''].filter(Boolean).join(' ');
  const text = parts || (zh ? '不到1分钟' : '<1m');
  if (left < 0) return zh ? `超期 ${text}` : `${text} overdue`;
  return zh ? `剩余 ${text}` : `${text} left`;
}
