import type { ErrorDetail } from '@wangge/shared/errors';
import type { TLocation } from '@wangge/shared/schemas/common';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { ApiError } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useCategories } from '../../lib/reference';
import { useAuth } from '../auth/auth';
import { type CallerDraft, CallerFields, callerBody, emptyCaller } from '../hotline/CallerFields';
import { HOTLINE_EN, HOTLINE_ZH } from '../hotline/messages';
import { VisitTasksBanner } from '../register/VisitTasksBanner';
import { attachDraft } from './attach-draft';
import { CategoryPicker } from './CategoryPicker';
import type { Photo } from './compress-image';
import { DuplicateHints, type Suggestion } from './DuplicateHints';
import { type CellFeature, fetchCells } from './grid-cells';
import { LocationField } from './LocationField';
import { useReportText } from './messages';
import { OutboxList } from './OutboxList';
import { addToOutbox, deliver, failureOf, removeFromOutbox, useOutboxSync } from './outbox';
import { PhotoField } from './PhotoField';
import { newIdempotencyKey, registerServiceWorker } from './pwa';
import './report.css';

registerServiceWorker();

interface Draft {
  key: string;
  categoryCode: string;
  description: string;
  title: string;
  address: string;
  priority: 'NORMAL' | 'URGENT';
  photos: Photo[];
  point: TLocation | null;
  /** The 12345 desk's caller (used when the hotline reports). */
  caller: CallerDraft;
}

const emptyDraft = (): Draft => ({
  key: newIdempotencyKey(),
  categoryCode: '',
  description: '',
  title: '',
  address: '',
  priority: 'NORMAL',
  photos: [],
  point: null,
  caller: emptyCaller(),
});

type Outcome =
  | { kind: 'done'; code: string; id: string }
  | { kind: 'attached'; code: string; id: string }
  | { kind: 'queued' }
  | { kind: 'error'; error: unknown };

/** 上报事件: a grid worker reports an issue; without a connection it waits in the outbox. */
export function ReportScreen() {
  const { me } = useAuth();
  const { rt } = useReportText();
  const { text: ht } = useTable(HOTLINE_ZH, HOTLINE_EN);
  const isHotline = me?.role === 'HOTLINE';
  const [draft, setDraft] = useState(emptyDraft);
  const categories = useCategories();
  const [cells, setCells] = useState<CellFeature[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // After sending, the answer is shown where the eye is: scrolled into view and focused.
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!outcome) return;
    banner.current?.scrollIntoView({ block: 'start' });
    banner.current?.focus();
  }, [outcome]);
  const userId = me?.id ?? '';
  const gridKey = me?.gridCodes.join(',') ?? '';
  const ownCells = useMemo(() => (gridKey ? gridKey.split(',') : []), [gridKey]);
  useOutboxSync(userId);

  useEffect(() => {
    if (me?.unitCode)
      fetchCells(me.unitCode)
        .then(setCells)
        .catch(() => undefined);
  }, [me?.unitCode]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  /** 附加到此案件: the draft becomes a supplementary report of a suggested case (online only). */
  const attachTo = async (s: Suggestion) => {
    if (draft.description.trim().length < 2 || !draft.point) {
      const missing = [{ path: 'description', message: rt('needDescription') }];
      setOutcome({ kind: 'error', error: new ApiError(400, 'VALIDATION_FAILED', rt('errors'), missing) });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      await attachDraft(s.id, draft);
      setOutcome({ kind: 'attached', code: s.code, id: s.id });
      setDraft(emptyDraft());
    } catch (error) {
      setOutcome({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: ErrorDetail[] = [];
    if (!draft.categoryCode) missing.push({ path: 'categoryCode', message: rt('needCategory') });
    if (draft.description.trim().length < 2)
      missing.push({ path: 'description', message: rt('needDescription') });
    if (!draft.point) missing.push({ path: 'location', message: rt('needLocation') });
    if (isHotline && !draft.caller.requestType)
      missing.push({ path: 'caller.requestType', message: ht('needRequestType') });
    if (missing.length || !draft.point) {
      setOutcome({ kind: 'error', error: new ApiError(400, 'VALIDATION_FAILED', rt('errors'), missing) });
      return;
    }
    setBusy(true);
    setOutcome(null);
    const entry = await addToOutbox({
      key: draft.key,
      userId,
      body: {
        categoryCode: draft.categoryCode,
        description: draft.description.trim(),
        location: draft.point,
        priority: draft.priority,
        ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
        ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
        ...(isHotline ? { caller: callerBody(draft.caller) } : {}),
      },
      photos: draft.photos.map((p) => ({ blob: p.blob, name: p.name })),
    });
    if (navigator.onLine) await deliver(entry);
    setBusy(false);
    if (entry.status === 'sent') {
      setOutcome({ kind: 'done', code: entry.caseCode ?? '', id: entry.caseId ?? '' });
      setDraft(emptyDraft());
    } else if (entry.status === 'failed') {
      // The server refused it: the worker fixes the form and sends again (same key is safe).
      await removeFromOutbox(entry.key);
      setOutcome({ kind: 'error', error: failureOf(entry) });
    } else {
      setOutcome({ kind: 'queued' });
      setDraft(emptyDraft());
    }
  };

  return (
    <div className="report">
      <h1>{rt('title')}</h1>
      <VisitTasksBanner />
      <div ref={banner} tabIndex={-1} className="report-banner">
        {outcome?.kind === 'done' && (
          <div className="notice ok" data-testid="report-done" role="status">
            {rt('done')}
            <a href={`#/case/${outcome.id}`}>
              <strong>{outcome.code}</strong>
            </a>
          </div>
        )}
        {outcome?.kind === 'attached' && (
          <div className="notice ok" data-testid="report-attached" role="status">
            {rt('attached')}
            <a href={`#/case/${outcome.id}`}>
              <strong>{outcome.code}</strong>
            </a>
          </div>
        )}
        {outcome?.kind === 'queued' && (
          <div className="notice warn" data-testid="report-queued" role="status">
            {rt('queued')}
          </div>
        )}
        {outcome?.kind === 'error' && <ErrorNotice error={outcome.error} testId="report-error" />}
      </div>
      <form onSubmit={submit} className="report-form" noValidate>
        {isHotline && <CallerFields value={draft.caller} onChange={(c) => set('caller', c)} />}
        {/* A new draft clears the category search too (the map stays: redrawing it costs). */}
        <CategoryPicker
          key={draft.key}
          categories={categories}
          value={draft.categoryCode}
          onChange={(c) => set('categoryCode', c)}
        />
        <label>
          <span className="field-label">{rt('description')}</span>
          <textarea
            name="description"
            rows={4}
            placeholder={rt('descriptionHint')}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{rt('photos')}</legend>
          <PhotoField photos={draft.photos} onChange={(p) => set('photos', p)} />
        </fieldset>
        <LocationField
          point={draft.point}
          onChange={(p) => set('point', p)}
          cells={cells}
          ownCells={ownCells}
        />
        <DuplicateHints
          categoryCode={draft.categoryCode}
          point={draft.point}
          onAttach={attachTo}
          busy={busy}
        />
        <fieldset>
          <legend>{rt('priority')}</legend>
          <div className="segmented">
            {(['NORMAL', 'URGENT'] as const).map((p) => (
              <label key={p} className={draft.priority === p ? 'on' : ''}>
                <input
                  type="radio"
                  name="priority"
                  value={p}
                  checked={draft.priority === p}
                  onChange={() => set('priority', p)}
                />
                {p === 'URGENT' ? rt('urgent') : rt('normal')}
              </label>
            ))}
          </div>
        </fieldset>
        <label>
          <span className="field-label">{rt('caseTitle')}</span>
          <input
            name="title"
            maxLength={100}
            value={draft.title}
            onChange={(e) => set('title', e.target.value)}
          />
        </label>
        <label>
          <span className="field-label">{rt('address')}</span>
          <input
            name="address"
            maxLength={200}
            value={draft.address}
            onChange={(e) => set('address', e.target.value)}
          />
        </label>
        <button type="submit" className="submit-big" data-testid="submit-report" disabled={busy}>
          {busy ? rt('sending') : rt('submit')}
        </button>
      </form>
      <OutboxList userId={userId} />
    </div>
  );
}
