import { GAZETTEER_COLUMNS } from '@wangge/shared/places/gazetteer-sheet';
import { GAZETTEER_KIND_NAMES, GAZETTEER_KINDS } from '@wangge/shared/places/place-names';
import { useTable } from '../../i18n/i18n';
import { dataLang } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';
import { GAZETTEER_EN, GAZETTEER_ZH, kindKey } from './messages';

/** A word as the file writes it (a header, a kind's name): literal, in its own language. */
function FileWord({ word }: { word: string }) {
  return (
    <code className="gazetteer-word" translate="no" lang={dataLang(word) ?? 'en'}>
      {word}
    </code>
  );
}

/** The file format the import accepts: every column (both header names) and every kind's words. */
export function GazetteerFormat() {
  const { text } = useTable(GAZETTEER_ZH, GAZETTEER_EN);
  return (
    <section>
      <h2>{text('columnsTitle')}</h2>
      <p>{text('columnsIntro')}</p>
      <ScrollRegion label={text('columnsTitle')}>
        <table className="admin-table gazetteer-format" data-testid="gazetteer-columns">
          <thead>
            <tr>
              <th>{text('column')}</th>
              <th>{text('required')}</th>
              <th>{text('notes')}</th>
            </tr>
          </thead>
          <tbody>
            {GAZETTEER_COLUMNS.map((c) => (
              <tr key={c.key}>
                <td>
                  <FileWord word={c.zh} /> / <FileWord word={c.en} />
                </td>
                <td>{text('required' in c && c.required ? 'yes' : 'no')}</td>
                <td>{text(`note.${c.key}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h3>{text('kindsTitle')}</h3>
      <ScrollRegion label={text('kindsTitle')}>
        <table className="admin-table gazetteer-format" data-testid="gazetteer-kinds">
          <thead>
            <tr>
              <th>{text('kind')}</th>
              <th>{text('kindWords')}</th>
            </tr>
          </thead>
          <tbody>
            {GAZETTEER_KINDS.map((k) => (
              <tr key={k}>
                <td>{text(kindKey(k))}</td>
                <td className="gazetteer-words">
                  {[...GAZETTEER_KIND_NAMES[k], k].map((n) => (
                    <FileWord key={n} word={n} />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
