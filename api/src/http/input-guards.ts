import type { ErrorDetail } from '@wangge/shared/errors';
import { textProblem } from '@wangge/shared/schemas/text';
import type { Request, RequestHandler } from 'express';
import { AppError } from './app-error';

/** Deepest nesting of arrays and objects a request body may have (GeoJSON needs 4–6). */
export const MAX_BODY_DEPTH = 64;
/** At most this many problems are listed (a hostile body could have millions). */
const MAX_DETAILS = 20;

/** A path for an error detail: `body.features[3].name`; ill-formed keys shown with U+FFFD. */
const shown = (s: string) => {
  const safe = (s as { toWellFormed?: () => string }).toWellFormed?.() ?? s;
  return safe.replaceAll('\u0000', '\\u0000');
};
const childPath = (parent: string, key: string | number) =>
  typeof key === 'number'
    ? `${parent}[${key}]`
    : /^[A-Za-z_$][\w$-]*$/.test(key)
      ? `${parent}.${key}`
      : `${parent}[${JSON.stringify(shown(key))}]`;

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Every problem with a parsed request value, walked iteratively (a body nested 200,000 levels
 * deep must not overflow the stack here or anywhere after): strings and keys that are not
 * storable text (lone surrogates, NUL) and nesting deeper than `maxDepth`. Only arrays and plain
 * objects are walked (a raw upload's Buffer is not).
 */
export function inspectInput(value: unknown, root: string, maxDepth = MAX_BODY_DEPTH): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) details.push({ path, message: problem });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && !isPlainObject(v)) continue;
    if (depth + 1 > maxDepth) {
      details.push({ path, message: `is nested deeper than ${maxDepth} levels` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: childPath(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyProblem = textProblem(key);
      if (keyProblem) details.push({ path: childPath(path, key), message: `key ${keyProblem}` });
      stack.push({
        value: (v as Record<string, unknown>)[key],
        path: childPath(path, key),
        depth: depth + 1,
      });
    }
  }
  return details;
}

const refuse = (details: ErrorDetail[]) =>
  new AppError(
    'VALIDATION_FAILED',
    'The request holds text that cannot be stored or is nested too deeply.',
    details,
  );

/** The decoded segments of the request path (where route parameters come from). */
function pathProblems(req: Request): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const segment of req.path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      continue; // a malformed escape: Express answers 400 itself where it matters
    }
    const problem = textProblem(decoded);
    if (problem) details.push({ path: `path.${shown(decoded)}`, message: problem });
  }
  return details;
}

/**
 * Validation at the edge, for every route: path segments (route parameters), query strings and
 * bodies must be storable text (well-formed Unicode, no NUL), and bodies at most
 * MAX_BODY_DEPTH deep. Mount it before any body parser: it checks a body as the parser sets
 * `req.body` (an accessor on the request), so routes that parse their own bodies later (the
 * grid import's larger limit) are covered too. A refused body answers 400 VALIDATION_FAILED
 * listing the paths, before any handler sees it.
 */
export const guardInput: RequestHandler = (req, _res, next) => {
  const early = [...pathProblems(req), ...inspectInput(req.query, 'query', 8)];
  if (early.length > 0) return next(refuse(early.slice(0, MAX_DETAILS)));
  let body: unknown = (req as { body?: unknown }).body;
  Object.defineProperty(req, 'body', {
    configurable: true,
    enumerable: true,
    get: () => body,
    set(value: unknown) {
      // body-parser assigns inside a try and passes what is thrown on (as a 400) to next().
      const details = inspectInput(value, 'body');
      if (details.length > 0) throw refuse(details);
      body = value;
    },
  });
  next();
};
