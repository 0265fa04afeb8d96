import { isLimitAmount, isTimeUnit, TIME_UNITS, type TimeLimit, type TimeUnit } from './time-limit';

/** Workflow stages that run against a clock (domain brief §4). */
export const STAGES = [
  'REGISTER',
  'VERIFY',
  'DISPATCH',
  'CLAIM',
  'RETURN',
  'HANDLE',
  'CHECK',
  'CALLBACK',
  'REPORT_IN',
] as const;

/** One of {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/**
 * A stage's limit: the base `amount`/`unit` plus optional variants for urgent cases and for
 * rural grids. A variant is a whole {@link TimeLimit}, so it may use another unit than the base
 * (e.g. urgent handling in HOURS while normal handling is in WORKING_DAYS).
 */
export type StageLimit = TimeLimit & {
  readonly urgent?: TimeLimit;
  readonly rural?: TimeLimit;
};

/** Limits for every stage; stored per category as a partial JSON override of the defaults. */
export type StageLimits = Readonly<Record<Stage, StageLimit>>;

/** Which variant a case needs: urgent cases and cases in rural grids. */
export type LimitVariant = { readonly urgent?: boolean; readonly rural?: boolean };

/** Result of {@link parseStageLimits}: the merged limits, or every problem found. */
export type StageLimitsParseResult =
  | { readonly ok: true; readonly limits: StageLimits }
  | { readonly ok: false; readonly problems: string[] };

/** Most working days a task's deadline may be extended in total (延期, domain brief §4). */
export const MAX_EXTENSION_WORKING_DAYS = 10;

/** Largest amount accepted per unit (one year), so a typo cannot make deadlines unreachable. */
export const MAX_LIMIT_AMOUNT: Readonly<Record<TimeUnit, number>> = Object.freeze({
  MINUTES: 525_600,
  HOURS: 8_760,
  WORKING_DAYS: 250,
});

const minutes = (amount: number): TimeLimit => Object.freeze({ amount, unit: 'MINUTES' });
const hours = (amount: number): TimeLimit => Object.freeze({ amount, unit: 'HOURS' });
const workingDays = (amount: number): TimeLimit => Object.freeze({ amount, unit: 'WORKING_DAYS' });

/**
 * Default limits from the domain brief. CLAIM, RETURN and HANDLE all count from dispatch: the
 * handling clock starts at dispatch, not at claim.
 */
export const DEFAULT_STAGE_LIMITS: StageLimits = Object.freeze({
  REGISTER: Object.freeze({ ...minutes(30), urgent: minutes(10) }),
  VERIFY: Object.freeze({ ...hours(1), rural: hours(2) }),
  DISPATCH: minutes(30),
  CLAIM: workingDays(1),
  RETURN: workingDays(2),
  HANDLE: workingDays(5),
  CHECK: Object.freeze({ ...hours(1), rural: hours(2) }),
  CALLBACK: workingDays(1),
  // 吹哨报到: a whistled department reports in within an hour (half an hour when urgent).
  REPORT_IN: Object.freeze({ ...minutes(60), urgent: minutes(30) }),
});

/**
 * Picks the limit that applies to a case at `stage`: the urgent variant for urgent cases, else
 * the rural variant in rural grids, else the base limit. Urgency wins over rurality because it
 * is the stricter promise; a stage without the variant uses its base limit.
 */
export function limitFor(limits: StageLimits, stage: Stage, variant: LimitVariant = {}): TimeLimit {
  const limit = limits[stage];
  const chosen =
    (variant.urgent ? limit.urgent : undefined) ?? (variant.rural ? limit.rural : undefined) ?? limit;
  return { amount: chosen.amount, unit: chosen.unit };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a bad value is quoted in a problem message. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Checks one amount/unit pair, pushing problems; returns the limit when both are valid. */
function checkLimit(amount: unknown, unit: unknown, path: string, problems: string[]): TimeLimit | undefined {
  const before = problems.length;
  if (!isTimeUnit(unit)) {
    problems.push(`${path}.unit: must be one of ${TIME_UNITS.join(', ')} (got ${describeValue(unit)})`);
  }
  if (!isLimitAmount(amount)) {
    problems.push(`${path}.amount: must be a non-negative integer (got ${describeValue(amount)})`);
  } else if (isTimeUnit(unit) && amount > MAX_LIMIT_AMOUNT[unit]) {
    problems.push(`${path}.amount: must be at most ${MAX_LIMIT_AMOUNT[unit]} ${unit} (got ${amount})`);
  }
  return problems.length === before ? { amount: amount as number, unit: unit as TimeUnit } : undefined;
}

/** A variant override: a whole limit, or null to drop the default variant. */
function checkVariant(value: unknown, path: string, problems: string[]): TimeLimit | null | undefined {
  if (value === null) return null;
  if (!isPlainObject(value)) {
    problems.push(`${path}: must be { amount, unit } or null (got ${describeValue(value)})`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'amount' && key !== 'unit')
      problems.push(`${path}.${key}: unknown key (expected amount, unit)`);
  }
  return checkLimit(value.amount, value.unit, path, problems);
}

const STAGE_KEYS = ['amount', 'unit', 'urgent', 'rural'];

/** Merges one stage's override over its default, pushing problems. */
function mergeStage(base: StageLimit, override: unknown, path: string, problems: string[]): StageLimit {
  if (!isPlainObject(override)) {
    problems.push(
      `${path}: must be an object with amount, unit, urgent or rural (got ${describeValue(override)})`,
    );
    return base;
  }
  for (const key of Object.keys(override)) {
    if (!STAGE_KEYS.includes(key))
      problems.push(`${path}.${key}: unknown key (expected ${STAGE_KEYS.join(', ')})`);
  }
  let merged: StageLimit = base;
  const hasAmount = 'amount' in override;
  if (hasAmount !== 'unit' in override) {
    // A lone amount would silently reuse the default unit (5 → 5 hours instead of 5 days).
    problems.push(`${path}: amount and unit must be given together`);
  } else if (hasAmount) {
    const limit = checkLimit(override.amount, override.unit, path, problems);
    if (limit) merged = { ...merged, ...limit };
  }
  for (const key of ['urgent', 'rural'] as const) {
    if (!(key in override)) continue;
    const variant = checkVariant(override[key], `${path}.${key}`, problems);
    if (variant === null) {
      const { [key]: _dropped, ...rest } = merged;
      merged = rest;
    } else if (variant) merged = { ...merged, [key]: variant };
  }
  return merged;
}

/**
 * Validates a category's stored override (parsed JSON) and merges it over
 * {@link DEFAULT_STAGE_LIMITS}. Shape, every key optional:
 * `{ HANDLE: { amount: 3, unit: 'WORKING_DAYS', urgent: { amount: 4, unit: 'HOURS' }, rural: null } }`
 * — `amount` and `unit` go together; a variant is a whole limit, or null to remove the default
 * one. `null`/`undefined` mean "no override". Lists every problem, not just the first.
 */
export function parseStageLimits(value: unknown): StageLimitsParseResult {
  if (value === null || value === undefined) return { ok: true, limits: DEFAULT_STAGE_LIMITS };
  if (!isPlainObject(value)) {
    return {
      ok: false,
      problems: [`stage limits: must be an object keyed by stage (got ${describeValue(value)})`],
    };
  }
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!(STAGES as readonly string[]).includes(key)) {
      problems.push(`${key}: unknown stage (expected one of ${STAGES.join(', ')})`);
    }
  }
  const limits = {} as Record<Stage, StageLimit>;
  for (const stage of STAGES) {
    const base = DEFAULT_STAGE_LIMITS[stage];
    limits[stage] = stage in value ? mergeStage(base, value[stage], stage, problems) : base;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, limits };
}
