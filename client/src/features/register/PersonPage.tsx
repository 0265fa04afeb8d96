import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { navigate } from '../../lib/router';
import { useAuth } from '../auth/auth';
import { shanghaiTime } from '../evaluation/evaluation-api';
import { useRegText } from './messages';
import { PersonForm } from './PersonForm';
import { RevealDialog } from './RevealDialog';
import {
  anonymisePerson,
  archivePerson,
  createPerson,
  fetchPerson,
  mayReveal,
  type PersonDetail,
  patchPerson,
  shanghaiDayOf,
  writesRegister,
} from './register-api';
import './register.css';

/** 登记人员: the create form; saved, it opens the new record. */
function NewPerson() {
  const { rt } = useRegText();
  const { me } = useAuth();
  return (
    <div className="reg">
      <h1>{rt('newPerson')}</h1>
      <p>
        <a href="#/register">← {rt('back')}</a>
      </p>
      {writesRegister(me?.role ?? '') ? (
        <PersonForm
          onSubmit={async (body) => {
            const p = await createPerson(body);
            navigate(`/person/${p.id}`);
          }}
        />
      ) : (
        <p className="notice warn">{rt('noWrite')}</p>
      )}
    </div>
  );
}

/** Archive with a required reason. */
function ArchiveForm({ onArchive }: { onArchive(reason: string): Promise<void> }) {
  const { rt } = useRegText();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="reg-filters"
      onSubmit={(e) => {
        e.preventDefault();
        onArchive(reason.trim()).catch(setError);
      }}
    >
      <label>
        {rt('archiveReason')}
        <input name="reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit">{rt('archiveConfirm')}</button>
      <ErrorNotice error={error} />
    </form>
  );
}

/** A person's record: masked values, classes, history; edit, archive, reveal, anonymise (admin). */
export function PersonPage({ params }: { params: string[] }) {
  const id = params[0] ?? '';
  const { me } = useAuth();
  const { rt, className, locale } = useRegText();
  const role = me?.role ?? '';
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<'view' | 'edit' | 'archive'>('view');
  const [revealing, setRevealing] = useState(false);
  const [stale, setStale] = useState(false);
  const load = useCallback(() => {
    setError(null);
    setStale(false);
    fetchPerson(id).then(setPerson, setError);
  }, [id]);
  useEffect(() => {
    if (id !== 'new') load();
  }, [id, load]);
  if (id === 'new') return <NewPerson />;

  const after = async (work: Promise<unknown>) => {
    try {
      await work;
      setMode('view');
      load();
    } catch (e) {
      // Someone changed it since it was read: offer the current record, as the case page does.
      if (e instanceof ApiError && e.code === 'RECORD_CHANGED') setStale(true);
      throw e;
    }
  };
  const writes = writesRegister(role) && person && !person.archivedAt;
  return (
    <div className="reg">
      <h1>
        {person ? <D>{person.name}</D> : rt('registerTitle')}
        {person?.archivedAt && <span className="badge"> {rt('kind.ARCHIVED')}</span>}
      </h1>
      <p>
        <a href="#/register">← {rt('back')}</a>
        {person && (
          <>
            {' · '}
            <a href={`#/cell/${person.gridCode}`}>{rt('openCell')}</a>
          </>
        )}
      </p>
      <ErrorNotice error={error} />
      {stale && (
        <div className="notice warn" role="status" data-testid="person-stale">
          {rt('stale')}{' '}
          <button
            type="button"
            onClick={() => {
              // Back to the record as it is now: an edit starts again from the current values.
              setMode('view');
              load();
            }}
          >
            {rt('reload')}
          </button>
        </div>
      )}
      {person && mode === 'edit' && (
        <PersonForm
          person={person}
          onSubmit={(body) => after(patchPerson(person.id, body))}
          onCancel={() => setMode('view')}
        />
      )}
      {person && mode !== 'edit' && (
        <dl className="reg-record" data-testid="person-record">
          <dt>{rt('idNumber')}</dt>
          <dd className="masked" data-testid="id-masked">
            {person.idNumberMasked ?? '—'}
          </dd>
          <dt>{rt('phone')}</dt>
          <dd className="masked">{person.phoneMasked ?? '—'}</dd>
          <dt>{rt('sex')}</dt>
          <dd>{person.sex ? rt(`sex.${person.sex as 'M' | 'F'}`) : '—'}</dd>
          <dt>{rt('birthDate')}</dt>
          <dd>{person.birthDate ? shanghaiDayOf(person.birthDate) : '—'}</dd>
          <dt>{rt('residence')}</dt>
          <dd>{rt(`res.${person.residence as 'HOUSEHOLD'}`)}</dd>
          <dt>{rt('cell')}</dt>
          <dd>
            <a href={`#/cell/${person.gridCode}`}>{person.gridCode}</a>
          </dd>
          <dt>{rt('classes')}</dt>
          <dd>
            {person.tags.length
              ? person.tags
                  .map((t) => `${className(t.code)}（${rt('since')} ${shanghaiDayOf(t.since)}）`)
                  .join('、')
              : '—'}
          </dd>
          {person.archivedAt && (
            <>
              <dt>{rt('kind.ARCHIVED')}</dt>
              <dd>
                <D>{person.archiveReason ?? ''}</D>
              </dd>
            </>
          )}
        </dl>
      )}
      {person && mode === 'view' && (
        <div className="reg-actions">
          {mayReveal(role) && (
            <button type="button" onClick={() => setRevealing(true)} data-testid="reveal-open">
              {rt('reveal')}
            </button>
          )}
          {writes && (
            <>
              <button type="button" onClick={() => setMode('edit')} data-testid="person-edit">
                {rt('edit')}
              </button>
              <button type="button" onClick={() => setMode('archive')}>
                {rt('archive')}
              </button>
            </>
          )}
          {role === 'ADMIN' && (
            <button
              type="button"
              data-testid="person-anonymise"
              onClick={() => {
                if (window.confirm(rt('anonymiseConfirm')))
                  anonymisePerson(person.id).then(() => navigate('/register'), setError);
              }}
            >
              {rt('anonymise')}
            </button>
          )}
        </div>
      )}
      {person && mode === 'archive' && (
        <ArchiveForm onArchive={(reason) => after(archivePerson(person.id, reason))} />
      )}
      {revealing && person && <RevealDialog personId={person.id} onClose={() => setRevealing(false)} />}
      {person && (
        <section>
          <h2>{rt('history')}</h2>
          <ul className="plain-list" data-testid="person-history">
            {person.history.map((h) => (
              <li key={`${h.at}-${h.kind}`}>
                {shanghaiTime(h.at, locale, true)} · {rt(`kind.${h.kind as 'CREATED'}`)}
                {h.kind !== 'ARCHIVED' &&
                  h.changes.length > 0 &&
                  ` · ${h.changes.map((c) => rt(fieldKey(c.field))).join('、')}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** A changed field's label (the history names personal fields only by name). */
function fieldKey(field: string) {
  const known = {
    name: 'name',
    idNumber: 'idNumber',
    phone: 'phone',
    residence: 'residence',
    gridCode: 'cell',
    tags: 'classes',
  } as const;
  return known[field as keyof typeof known] ?? 'edit';
}
