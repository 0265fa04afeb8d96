import type { ReactNode } from 'react';
import { ScrollRegion } from '../../lib/ScrollRegion';
import type { ApiDocsKey } from './messages';
import { fieldsOf, inLocale, type JsonSchema, type Operation, type Parameter, typeOf } from './openapi-types';

type Text = (key: ApiDocsKey, values?: Record<string, string | number>) => string;

/** Enum values, or the one-word type in the page's language. */
function TypeCell({ schema, text }: { schema: JsonSchema; text: Text }) {
  const values = schema.enum ?? (schema.items?.enum ? schema.items.enum : null);
  if (values)
    return (
      <code translate="no" className="api-enum">
        {values.map(String).join(' | ')}
      </code>
    );
  const type = typeOf(schema);
  const item =
    type === 'array' && schema.items ? ` · ${text(`type.${typeOf(schema.items)}` as ApiDocsKey)}` : '';
  return (
    <>
      {text(`type.${type}` as ApiDocsKey)}
      {item}
    </>
  );
}

function FieldTable({
  rows,
  text,
  caption,
  label,
  showIn,
}: {
  rows: Parameter[];
  text: Text;
  caption: ReactNode;
  label: string;
  showIn: boolean;
}) {
  return (
    <ScrollRegion label={label}>
      <table className="admin-table api-fields">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th>{text('name')}</th>
            {showIn && <th>{text('where')}</th>}
            <th>{text('required')}</th>
            <th>{text('type')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={`${p.in}:${p.name}`}>
              <td>
                <code translate="no">{p.name}</code>
              </td>
              {showIn && <td>{text(`in.${p.in}` as ApiDocsKey)}</td>}
              <td>{p.required ? text('yes') : text('no')}</td>
              <td>
                <TypeCell schema={p.schema} text={text} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** One endpoint: method and path, what it does, who may call it, its inputs and its answers. */
export function OperationView(props: {
  method: string;
  path: string;
  op: Operation;
  text: Text;
  locale: string;
}) {
  const { method, path, op, text, locale } = props;
  const auth = (Object.keys(op.security[0] ?? {})[0] ?? 'public').replace('bearerAuth', 'bearer');
  const authKey = (auth === 'hotlineSignature' ? 'signature' : auth) as 'bearer' | 'public' | 'signature';
  const isApiKey = op.requestBody && Object.values(op.requestBody.content)[0]?.schema.properties?.api_key;
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  const statuses = Object.entries(op.responses);
  return (
    <details className="api-op" data-testid="api-op">
      <summary>
        <code translate="no" className={`api-method api-${method}`}>
          {method.toUpperCase()}
        </code>{' '}
        <code translate="no">{path}</code> <span>{inLocale(op.summary, locale)}</span>
      </summary>
      <dl className="api-meta">
        <dt>{text('auth')}</dt>
        <dd>{text(isApiKey ? 'auth.api_key' : (`auth.${authKey}` as ApiDocsKey))}</dd>
        {op['x-roles'] && (
          <>
            <dt>{text('roles')}</dt>
            <dd>
              <code translate="no">{op['x-roles'].join(', ')}</code>
            </dd>
          </>
        )}
      </dl>
      {op.parameters.length > 0 && (
        <FieldTable
          rows={op.parameters}
          text={text}
          caption={text('parameters')}
          label={`${inLocale(op.summary, locale)} ${text('parameters')}`}
          showIn
        />
      )}
      {body && (
        <FieldTable
          rows={fieldsOf(body[1].schema)}
          text={text}
          label={`${inLocale(op.summary, locale)} ${text('body')}`}
          caption={
            <>
              {text('body')} <code translate="no">{body[0]}</code>
            </>
          }
          showIn={false}
        />
      )}
      <h3>{text('responses')}</h3>
      <ul className="api-responses">
        {statuses.map(([status, r]) => (
          <li key={status}>
            <strong>{status}</strong> {Number(status) < 400 ? text('success') : text('failure')}
            {Number(status) >= 400 && (
              <>
                {' '}
                <code translate="no">{r.description.split(' — ')[0]}</code>
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
