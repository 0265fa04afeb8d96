import { useCallback, useEffect, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { STATE_LABELS } from '../../i18n/workflow-labels';
import { apiPage } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { ScrollRegion } from '../../lib/ScrollRegion';
import { CallbackForm } from './CallbackForm';
import type { CaseCaller } from './CallerPanel';
import { HOTLINE_EN, HOTLINE_ZH, REQUEST_TYPE_LABELS } from './messages';
import './hotline.css';

/** A row of GET /api/hotline/callbacks. */
interface CallbackRow {
  id: string;
  code: string;
  title: string;
  state: string;
  closedAt: string | null;
  callbackDeadline: string | null;
  caller: CaseCaller | null;
  result: {
    rating: 'SATISFIED' | 'BASIC' | 'DISSATISFIED';
    resolved: boolean | null;
    at: string;
    note: string | null;
  } | null;
}
type Tab = 'due' | 'done';

/** 回访: closed hotline cases to call back (oldest closure first), and the callbacks recorded. */
export function CallbacksScreen(_props: { params: string[] }) {
  const { text, locale } = useTable(HOTLINE_ZH, HOTLINE_EN);
  const en = locale === 'en';
  const [tab, setTab] = useState<Tab>('due');
  const [rows, setRows] = useState<CallbackRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');

  const load = useCallback(
    async (cursor: string | null) => {
      try {
        const page = await apiPage<CallbackRow>(
          `/api/hotline/callbacks?state=${tab}&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        );
        setRows((prev) => (cursor && prev ? [...prev, ...page.data] : page.data));
        setNext(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e);
      }
    },
    [tab],
  );
  useEffect(() => {
    setRows(null);
    void load(null);
  }, [load]);

  const caller = (c: CaseCaller | null) =>
    c ? (
      <>
        {REQUEST_TYPE_LABELS[c.requestType]?.[en ? 1 : 0]} · <D>{c.name ?? ''}</D> {c.phoneMasked ?? ''}
      </>
    ) : (
      '—'
    );

  return (
    <div className="callbacks">
      <h1>{text('callbacksTitle')}</h1>
      <p className="muted">{text('callbacksHint')}</p>
      <div className="segmented" role="tablist" aria-label={text('callbacksTitle')}>
        {(['due', 'done'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'on' : ''}
            data-testid={`callbacks-${t}`}
            onClick={() => {
              setTab(t);
              setOpen(null);
            }}
          >
            {text(t)}
          </button>
        ))}
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="callback-saved">
          {notice}
        </p>
      )}
      <ErrorNotice error={error} testId="callbacks-error" />
      {rows === null && !error && <p>{text('loading')}</p>}
      {rows && rows.length === 0 && <p>{text('none')}</p>}
      {rows && rows.length > 0 && (
        <ScrollRegion label={text(tab)}>
          <table className="admin-table callbacks-table">
            <thead>
              <tr>
                <th>{text('caseCode')}</th>
                <th>{text('caseTitle')}</th>
                <th>{text('callerLegend')}</th>
                <th>{text('closedAt')}</th>
                {tab === 'due' ? <th>{text('deadline')}</th> : <th>{text('result')}</th>}
                {tab === 'due' ? <th>{text('actions')}</th> : <th>{text('calledAt')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.id}-${r.result?.at ?? ''}`} data-testid="callback-row" data-code={r.code}>
                  <td>
                    <a href={`#/case/${r.id}`}>{r.code}</a>
                  </td>
                  <td>
                    <D>{r.title}</D>
                  </td>
                  <td>{caller(r.caller)}</td>
                  <td>{time(r.closedAt)}</td>
                  {tab === 'due' ? (
                    <td>{time(r.callbackDeadline)}</td>
                  ) : (
                    <td data-testid="callback-result">
                      {r.result ? text(r.result.rating) : '—'}
                      {r.result?.resolved !== null && r.result
                        ? ` · ${text(r.result.resolved ? 'solved' : 'unsolved')}`
                        : ''}
                      {r.result?.note ? (
                        <>
                          {' · '}
                          <D>{r.result.note}</D>
                        </>
                      ) : null}
                      {' · '}
                      {STATE_LABELS[r.state]?.[en ? 1 : 0] ?? r.state}
                    </td>
                  )}
                  {tab === 'due' ? (
                    <td>
                      <button type="button" data-testid="callback-open" onClick={() => setOpen(r.id)}>
                        {text('record')}
                      </button>
                    </td>
                  ) : (
                    <td>{time(r.result?.at ?? null)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {open && rows && (
        <CallbackForm
          key={open}
          caseId={open}
          code={rows.find((r) => r.id === open)?.code ?? ''}
          onCancel={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            setNotice(message);
            void load(null);
          }}
        />
      )}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {text('more')}
        </button>
      )}
    </div>
  );
}
