import type { ComponentType } from 'react';
import { AccountScreen } from './features/admin/AccountScreen';
import { AuthAuditScreen } from './features/admin/AuthAuditScreen';
import { MapSettingsScreen } from './features/admin/MapSettingsScreen';
import { UsersScreen } from './features/admin/UsersScreen';
import { ApiDocsScreen } from './features/api-docs/ApiDocsScreen';
import { CaseDetailPage } from './features/cases/CaseDetailPage';
import { DeliveriesScreen } from './features/channels/DeliveriesScreen';
import { CitizenSubmissionsScreen } from './features/citizens/CitizenSubmissionsScreen';
import { CommandMapScreen } from './features/command/CommandMapScreen';
import { MyScoreScreen } from './features/evaluation/MyScoreScreen';
import { RankingsScreen } from './features/evaluation/RankingsScreen';
import { WorkLogScreen } from './features/evaluation/WorkLogScreen';
import { GazetteerScreen } from './features/gazetteer/GazetteerScreen';
import { CallbacksScreen } from './features/hotline/CallbacksScreen';
import { InboxPage } from './features/inbox/InboxPage';
import { MetricsScreen } from './features/metrics/MetricsScreen';
import { MyCasesScreen } from './features/my-cases/MyCasesScreen';
import { Open311KeysScreen } from './features/open311/Open311KeysScreen';
import { AccessLogScreen } from './features/register/AccessLogScreen';
import { CellPage } from './features/register/CellPage';
import { PersonPage } from './features/register/PersonPage';
import { RegisterScreen } from './features/register/RegisterScreen';
import { RegisterSheetsScreen } from './features/register/RegisterSheetsScreen';
import { VisitsScreen } from './features/register/VisitsScreen';
import { ReportScreen } from './features/report/ReportScreen';
import { WorkbenchPage } from './features/workbench/WorkbenchPage';
import { lazyScreen } from './lib/lazy-screen';

/** Route name → screen. Each feature registers its screens here. */
export const SCREENS: Record<string, ComponentType<{ params: string[] }>> = {
  report: ReportScreen,
  cases: MyCasesScreen,
  inbox: InboxPage,
  tasks: WorkbenchPage,
  map: CommandMapScreen,
  case: CaseDetailPage,
  metrics: MetricsScreen,
  worklog: WorkLogScreen,
  score: MyScoreScreen,
  rankings: RankingsScreen,
  users: UsersScreen,
  audit: AuthAuditScreen,
  basemap: MapSettingsScreen,
  deliveries: DeliveriesScreen,
  gazetteer: GazetteerScreen,
  callbacks: CallbacksScreen,
  open311: Open311KeysScreen,
  apidocs: ApiDocsScreen,
  citizens: CitizenSubmissionsScreen,
  account: AccountScreen,
  visits: VisitsScreen,
  register: RegisterScreen,
  person: PersonPage,
  accesslog: AccessLogScreen,
  sheets: RegisterSheetsScreen,
  cell: CellPage,
  dashboard: lazyScreen(() => import('./features/dashboard/DashboardScreen')),
  wall: lazyScreen(() => import('./features/dashboard/WallScreen')),
};

/** Screens shown without the header and navigation (the wall display fills the screen). */
export const BARE_SCREENS: ReadonlySet<string> = new Set(['wall']);
