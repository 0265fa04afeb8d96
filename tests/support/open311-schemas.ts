import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

/**
 * Validators for Open311 answers against the GeoReport v2 schemas in tests/fixtures/open311
 * (README there says where they come from): ajv for JSON, libxml2 (xmllint-wasm) for XML.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/open311/${name}`, import.meta.url), 'utf8');

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
ajv.addSchema(JSON.parse(fixture('georeport-v2.schema.json')));

/** The JSON Schema definitions, one per kind of answer. */
export type Open311JsonKind =
  | 'discovery'
  | 'services'
  | 'serviceDefinition'
  | 'postResponse'
  | 'tokenResponse'
  | 'requests'
  | 'updates'
  | 'errors';

/** The problems of a JSON answer against its definition ([] when valid). */
export function jsonProblems(kind: Open311JsonKind, body: unknown): string[] {
  const validate = ajv.getSchema(`georeport-v2.schema.json#/definitions/${kind}`);
  if (!validate) throw new Error(`no definition ${kind}`);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const XSD = {
  main: fixture('georeport-v2.xsd'),
  post: fixture('georeport-v2-post.xsd'),
  token: fixture('georeport-v2-token.xsd'),
} as const;

/** The problems of an XML answer against the XSD (`main`, or the POST / token answer's). */
export async function xmlProblems(xml: string, schema: keyof typeof XSD = 'main'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'answer.xml', contents: xml }],
    schema: [{ fileName: `georeport-v2-${schema}.xsd`, contents: XSD[schema] }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
