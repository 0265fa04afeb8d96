import { useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { GazetteerFormat } from './GazetteerFormat';
import { GazetteerImport } from './GazetteerImport';
import { GazetteerList } from './GazetteerList';
import { GAZETTEER_EN, GAZETTEER_ZH } from './messages';
import '../admin/admin.css';
import '../register/register.css';
import './gazetteer.css';

/**
 * 地名库 (admins): the place names the place search finds besides units and cells — an
 * all-or-nothing import with a dry run, the file format explained, and the entries listed.
 */
export function GazetteerScreen(_props: { params: string[] }) {
  const { text } = useTable(GAZETTEER_ZH, GAZETTEER_EN);
  const [version, setVersion] = useState(0);
  return (
    <div className="admin gazetteer">
      <h1>{text('title')}</h1>
      <p>{text('intro')}</p>
      <GazetteerImport onImported={() => setVersion((v) => v + 1)} />
      <GazetteerList version={version} />
      <GazetteerFormat />
    </div>
  );
}
