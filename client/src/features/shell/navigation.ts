import type { MessageKey } from '../../i18n/messages';

/** Screens each role works in, first one is home. */
export const NAV_BY_ROLE: Record<string, { route: string; label: MessageKey }[]> = {
  GRID_WORKER: [
    { route: 'report', label: 'nav.report' },
    { route: 'visits', label: 'nav.visits' },
    { route: 'cases', label: 'nav.myCases' },
    { route: 'worklog', label: 'nav.worklog' },
    { route: 'register', label: 'nav.register' },
    { route: 'score', label: 'nav.myScore' },
  ],
  STATION_OPERATOR: [
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'citizens', label: 'nav.citizens' },
    { route: 'map', label: 'nav.map' },
    { route: 'register', label: 'nav.register' },
    { route: 'dashboard', label: 'nav.dashboard' },
    { route: 'metrics', label: 'nav.metrics' },
    { route: 'rankings', label: 'nav.rankings' },
  ],
  DISPATCHER: [
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'map', label: 'nav.map' },
    { route: 'register', label: 'nav.register' },
    { route: 'dashboard', label: 'nav.dashboard' },
    { route: 'metrics', label: 'nav.metrics' },
    { route: 'rankings', label: 'nav.rankings' },
  ],
  DEPT_STAFF: [{ route: 'tasks', label: 'nav.tasks' }],
  VIEWER: [
    { route: 'map', label: 'nav.map' },
    { route: 'dashboard', label: 'nav.dashboard' },
    { route: 'metrics', label: 'nav.metrics' },
    { route: 'rankings', label: 'nav.rankings' },
  ],
  HOTLINE: [
    { route: 'report', label: 'nav.report' },
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'map', label: 'nav.map' },
    { route: 'dashboard', label: 'nav.dashboard' },
  ],
  ADMIN: [
    { route: 'map', label: 'nav.map' },
    { route: 'dashboard', label: 'nav.dashboard' },
    { route: 'inbox', label: 'nav.inbox' },
    { route: 'metrics', label: 'nav.metrics' },
    { route: 'rankings', label: 'nav.rankings' },
    { route: 'users', label: 'nav.users' },
    { route: 'audit', label: 'nav.audit' },
    { route: 'basemap', label: 'nav.basemap' },
    { route: 'deliveries', label: 'nav.deliveries' },
    { route: 'open311', label: 'nav.open311' },
    { route: 'register', label: 'nav.register' },
    { route: 'accesslog', label: 'nav.accessLog' },
  ],
  AUDITOR: [{ route: 'accesslog', label: 'nav.accessLog' }],
};
