import type { MessageKey } from '../../i18n/messages';

/** Screens each role works in, first one is home. */
export const NAV_BY_ROLE: Record<string, { route: string; label: MessageKey }[]> = {
  GRID_WORKER: [
    { route: 'report', label: 'nav.report' },
    { route: 'cases', label: 'nav.myCases' },
  ],
  STATION_OPERATOR: [
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'map', label: 'nav.map' },
    { route: 'metrics', label: 'nav.metrics' },
  ],
  DISPATCHER: [
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'map', label: 'nav.map' },
    { route: 'metrics', label: 'nav.metrics' },
  ],
  DEPT_STAFF: [{ route: 'tasks', label: 'nav.tasks' }],
  VIEWER: [
    { route: 'map', label: 'nav.map' },
    { route: 'metrics', label: 'nav.metrics' },
  ],
  HOTLINE: [
    { route: 'report', label: 'nav.report' },
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'map', label: 'nav.map' },
  ],
  ADMIN: [
    { route: 'map', label: 'nav.map' },
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'metrics', label: 'nav.metrics' },
  ],
};
