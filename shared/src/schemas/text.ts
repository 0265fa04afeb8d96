import type { z } from 'zod';

/** A lone UTF-16 surrogate (in `u` mode a paired one is one code point and is not matched). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `text` cannot be stored, or null when it can: a lone UTF-16 surrogate is not Unicode
 * (UTF-8 encoders and database drivers choke on it) and PostgreSQL refuses NUL in text.
 * `String.prototype.isWellFormed` (Node 20, current browsers), with a regex where it is missing.
 */
export function textProblem(text: string): string | null {
  const isWellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (isWellFormed ? !isWellFormed.call(text) : LONE_SURROGATE.test(text))
    return 'is not well-formed Unicode (a lone surrogate)';
  if (text.includes('\u0000')) return 'contains a NUL character';
  return null;
}

/** Refines a string schema to storable text (well-formed Unicode, no NUL): `zText(z.string().max(9))`. */
export const zText = <S extends z.ZodType<string>>(schema: S) =>
  schema.superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `must be text: ${problem}` });
  });
