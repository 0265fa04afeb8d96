import { useEffect, useMemo, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { ApiError, getToken } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import '../admin/admin.css';
import './api-docs.css';
import { API_DOCS_EN, API_DOCS_ZH } from './messages';
import { OperationView } from './OperationView';
import type { OpenApiDocument, Operation } from './openapi-types';
import { inLocale } from './openapi-types';

/** GET /api/openapi.json: the document itself, not the `{data}` envelope. */
async function loadDescription(): Promise<OpenApiDocument> {
  const res = await fetch('/api/openapi.json', { headers: { authorization: `Bearer ${getToken() ?? ''}` } });
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? '');
  return body as OpenApiDocument;
}

/** 接口文档: the OpenAPI description, grouped by tag, each endpoint opened on demand. */
export function ApiDocsScreen(_props: { params: string[] }) {
  const { text, locale } = useTable(API_DOCS_ZH, API_DOCS_EN);
  const [doc, setDoc] = useState<OpenApiDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    loadDescription().then(setDoc, setError);
  }, []);
  const groups = useMemo(() => {
    if (!doc) return [];
    const needle = filter.trim().toLowerCase();
    const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ path, method, op: op as Operation })),
    );
    const shown = ops.filter(
      ({ path, op }) =>
        !needle || path.toLowerCase().includes(needle) || op.summary.toLowerCase().includes(needle),
    );
    return doc.tags
      .map((tag) => ({ tag, ops: shown.filter((o) => o.op.tags[0] === tag.name) }))
      .filter((g) => g.ops.length > 0);
  }, [doc, filter]);
  const total = groups.reduce((n, g) => n + g.ops.length, 0);
  const [before, after] = (locale === 'en' ? API_DOCS_EN : API_DOCS_ZH).intro.split('{url}');
  const [standard, rest] = (after ?? '').split('{standard}');
  const [middle, end] = (rest ?? '').split('{open311}');

  return (
    <div className="admin api-docs">
      <h1>{text('title')}</h1>
      <p>
        {before}
        <code translate="no">/api/openapi.json</code>
        {standard}
        <span translate="no">OpenAPI 3.1</span>
        {middle}
        <span translate="no">Open311 GeoReport v2</span>
        {end}
      </p>
      <ErrorNotice error={error} />
      {!doc && !error && <p>{text('loading')}</p>}
      {doc && (
        <>
          <label className="api-filter">
            {text('filter')}
            <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <p data-testid="api-count">{text('count', { n: total })}</p>
          {groups.map(({ tag, ops }) => (
            <section key={tag.name} className="card" aria-labelledby={`api-tag-${tag.name}`}>
              <h2 id={`api-tag-${tag.name}`}>{inLocale(tag.description, locale)}</h2>
              {ops.map(({ path, method, op }) => (
                <OperationView
                  key={`${method} ${path}`}
                  method={method}
                  path={path}
                  op={op}
                  text={text}
                  locale={locale}
                />
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
