import type { Period } from '../metrics/metrics-api';
import type { FLOWS } from './chart-options';
import { type DashboardData, drillScope, type Pick, type Ranked } from './dashboard-api';
import type { DashboardKey } from './messages';

type Text = (key: DashboardKey, values?: Record<string, string | number>) => string;

/**
 * What each mark of the dashboard lists when clicked (or its number in the data table): the
 * query of GET /api/metrics/cases that counts exactly that mark, a title, and the count drawn.
 */
export function picksOf(
  data: DashboardData,
  dt: Text,
  indicator: (key: string, name: string) => string,
  metric: string,
) {
  const { from, to } = data.trend;
  const all: Period = { from, to };
  const span = `${from} ${dt('from')} ${to}`;
  const unit = { kind: 'unit' as const, code: data.summary.scope.id };
  return {
    span,
    day: (k: (typeof FLOWS)[number], i: number): Pick | null => {
      const day = data.trend.days[i];
      if (!day) return null;
      const q = `${drillScope(unit, { from: day.date, to: day.date })}&figure=${k}`;
      return { query: q, title: `${dt(k)} · ${day.date}`, count: day[k] };
    },
    category: (c: Ranked): Pick => ({
      query: `${drillScope(unit, all)}&figure=reported&category=${c.code}`,
      title: `${dt('reported')} · ${span}`,
      subject: c.name,
      count: c.count,
    }),
    cell: (c: Ranked): Pick => ({
      query: `${drillScope({ kind: 'grid', code: c.code }, all)}&figure=reported`,
      title: `${dt('reported')} · ${span}`,
      subject: c.name,
      count: c.count,
    }),
    child: (i: number): Pick | null => {
      const child = data.units.children[i];
      const r = child?.rates.find((x) => x.key === metric);
      if (!child || !r) return null;
      return {
        query: `${drillScope({ kind: child.kind, code: child.code }, all)}&metric=${metric}&part=numerator`,
        title: `${indicator(r.key, r.name)} · ${dt('numerator')} · ${span}`,
        subject: child.name,
        count: r.numerator,
      };
    },
  };
}
