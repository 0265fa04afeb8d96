import { useMemo, useState } from 'react';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useCaseEvents } from '../../lib/realtime';
import { useAuth } from '../auth/auth';
import { isStale } from '../cases/ActionForm';
import { useActionText } from '../cases/action-text';
import { CaseFilters, matches, NO_FILTER } from '../cases/CaseFilters';
import { CaseList } from '../cases/CaseList';
import type { CaseSummary } from '../cases/case-types';
import { useCaseList } from '../cases/use-case-list';
import { beep } from './beep';

const LIVE = 'DISPATCHED,CLAIMED,EXTENSION_REQUESTED,RETURN_REQUESTED,SUSPENDED,CHECKING,CHECKED';
const TABS = {
  offered: ['DISPATCHED'],
  handling: ['CLAIMED', 'EXTENSION_REQUESTED', 'RETURN_REQUESTED', 'SUSPENDED'],
  fedBack: ['CHECKING', 'CHECKED'],
  all: null,
} as const;
type Tab = keyof typeof TABS;
const TAB_TEXT: Record<Tab, [string, string]> = {
  offered: ['待签收', 'To claim'],
  handling: ['处置中', 'In hand'],
  fedBack: ['已反馈', 'Fed back'],
  all: ['全部', 'All'],
};

/**
 * Department workbench: the department's tasks, live, most urgent first, in tabs (待签收 /
 * 处置中 / 已反馈 / 全部) with search and filters; claiming asks once and says what happened.
 */
export function WorkbenchPage() {
  const { me } = useAuth();
  const { locale, t } = useActionText();
  const en = locale === 'en';
  const [tab, setTab] = useState<Tab>('offered');
  const [filter, setFilter] = useState(NO_FILTER);
  const q = filter.q ? `&q=${encodeURIComponent(filter.q)}` : '';
  // Live tasks by urgency (the tabs split them); 全部 also lists closed ones, newest first.
  const live = useCaseList(`limit=100&mine=department&state=${LIVE}&sort=deadline${q}`);
  const all = useCaseList(tab === 'all' ? `limit=100&mine=department&sort=newest${q}` : null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  useCaseEvents((e, name) => {
    if (name === 'task:dispatched' || name === 'whistle:called') beep();
    if (name === 'task:claimed' && e.actor.departmentId === me?.departmentId && e.actor.id !== me?.id)
      setNotice({
        ok: false,
        text: en ? `${e.caseCode} was claimed by ${e.actor.name}` : `${e.caseCode} 已被 ${e.actor.name} 签收`,
      });
  });
  const counts = useMemo(() => {
    const rows = (live.cases ?? []).filter((c) => matches(c, filter));
    return Object.fromEntries(
      (Object.keys(TABS) as Tab[]).map((k) => {
        const states = TABS[k] as readonly string[] | null;
        return [k, states ? rows.filter((c) => states.includes(c.state)) : null];
      }),
    ) as Record<Tab, CaseSummary[] | null>;
  }, [live.cases, filter]);
  const rows = tab === 'all' ? all.cases?.filter((c) => matches(c, filter)) : counts[tab];

  async function claim(c: CaseSummary) {
    setConfirming(null);
    setError(null);
    try {
      await api(`/api/cases/${c.id}/actions`, {
        method: 'POST',
        json: { action: 'CLAIM', version: c.version },
      });
      setNotice({
        ok: true,
        text: en
          ? `Claimed ${c.code}: handle it before the deadline and feed back.`
          : `已签收 ${c.code}，请在时限内处置并反馈。`,
      });
    } catch (err) {
      setNotice(null);
      setError(err);
      if (!isStale(err)) return;
    }
    await live.reload();
  }
  const claimButton = (c: CaseSummary) => {
    if (c.state !== 'DISPATCHED' || c.leadDepartmentId !== me?.departmentId) return null;
    if (confirming !== c.id)
      return (
        <button type="button" className="primary" data-testid="claim" onClick={() => setConfirming(c.id)}>
          {en ? 'Claim' : '签收'}
        </button>
      );
    return (
      <span className="row">
        <button type="button" className="primary" data-testid="claim-confirm" onClick={() => void claim(c)}>
          {en ? 'Yes, claim' : '确认签收'}
        </button>
        <button type="button" onClick={() => setConfirming(null)}>
          {t('cancel')}
        </button>
      </span>
    );
  };
  const list = tab === 'all' ? all : live;
  return (
    <section data-testid="workbench">
      <h1>{en ? 'Department tasks' : '部门任务'}</h1>
      {notice && (
        <p className={`notice ${notice.ok ? 'ok' : 'warn'}`} role="status" data-testid="notice">
          {notice.text}
        </p>
      )}
      <ErrorNotice error={error ?? list.error} testId="workbench-error" />
      <div className="tabs" role="tablist" aria-label={en ? 'Task lists' : '任务分类'}>
        {(Object.keys(TABS) as Tab[]).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls="workbench-list"
            data-tab={k}
            onClick={() => setTab(k)}
          >
            {TAB_TEXT[k][en ? 1 : 0]}
            {counts[k] && ` (${counts[k]!.length})`}
          </button>
        ))}
      </div>
      <CaseFilters value={filter} onChange={setFilter} />
      <div id="workbench-list" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {!rows ? (
          <p>{t('loading')}</p>
        ) : rows.length === 0 ? (
          <p className="muted">{t('nothingHere')}</p>
        ) : (
          <CaseList
            cases={rows}
            fresh={list.fresh}
            label={TAB_TEXT[tab][en ? 1 : 0]}
            actions={claimButton}
            deadline={(c) => c.deadlines.handle ?? c.deadlines.stage}
          />
        )}
      </div>
    </section>
  );
}
