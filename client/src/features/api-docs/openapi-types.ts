/** The parts of an OpenAPI 3.1 document this page reads (GET /api/openapi.json). */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  'x-roles'?: string[];
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string }>;
}

export interface OpenApiDocument {
  openapi: string;
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
}

/** `中文 · English` in the page's language (a text without the separator as it is). */
export function inLocale(text: string, locale: string): string {
  const [zh, en] = text.split(' · ');
  return (locale === 'en' ? en : zh) ?? text;
}

/** The type of a schema in one word: a string, integer …, the first of a union, `any`. */
export function typeOf(schema: JsonSchema): string {
  if (schema.format === 'binary') return 'binary';
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') ?? 'any';
  if (schema.type) return schema.type;
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  const first = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  return first ? typeOf(first) : 'any';
}

/** The top-level fields of a body schema (an object, or the union of its variants' fields). */
export function fieldsOf(schema: JsonSchema): Parameter[] {
  const variants = [schema, ...(schema.oneOf ?? schema.anyOf ?? schema.allOf ?? [])];
  const out = new Map<string, Parameter>();
  for (const v of variants)
    for (const [name, s] of Object.entries(v.properties ?? {}))
      if (!out.has(name))
        out.set(name, {
          name,
          in: 'query',
          required: v === schema && (v.required ?? []).includes(name),
          schema: s,
        });
  return [...out.values()];
}
