import type { ErrorDetail } from '@wangge/shared/errors';
import type { AppContext } from '../../../context';
import { AppError } from '../../../http/app-error';
import type { RecordDescriptor } from './record-descriptor';

/** A reference's problem, or none. */
type Problem = ErrorDetail[];

/** A location must lie in the record's cell (the in-memory grid index answers). */
export function locationProblem(
  ctx: AppContext,
  location: unknown,
  gridCode: string,
  path = 'location',
): Problem {
  const p = location as { lon: number; lat: number } | null | undefined;
  if (!p || ctx.grids.locate(p.lon, p.lat) === gridCode) return [];
  return [{ path, message: 'must lie in the cell' }];
}

/** A place named by a record must be a live place of the same cell (of one of `kinds`, if given). */
export async function placeProblem(
  ctx: AppContext,
  placeId: unknown,
  gridCode: string,
  path: string,
  kinds?: readonly string[],
): Promise<Problem> {
  if (typeof placeId !== 'string') return [];
  const place = await ctx.db.read.place.findUnique({
    where: { id: placeId },
    select: { gridCode: true, archivedAt: true, kind: true },
  });
  if (!place || place.archivedAt || place.gridCode !== gridCode)
    return [{ path, message: 'must be a live place of the same cell' }];
  if (kinds && !kinds.includes(place.kind))
    return [{ path, message: `must be a place of kind ${kinds.join(' or ')}` }];
  return [];
}

/** A person named by a 民情日志 entry must be a live person of the same cell. */
export async function personProblem(ctx: AppContext, personId: unknown, gridCode: string): Promise<Problem> {
  if (typeof personId !== 'string') return [];
  const person = await ctx.db.read.person.findFirst({
    where: { id: personId, gridCode, archivedAt: null, anonymisedAt: null },
    select: { id: true },
  });
  return person ? [] : [{ path: 'personId', message: 'must be a live person of the same cell' }];
}

/** The case an entry led to must be a case of the same cell. */
export async function caseProblem(ctx: AppContext, caseId: unknown, gridCode: string): Promise<Problem> {
  if (typeof caseId !== 'string') return [];
  const found = await ctx.db.read.case.findFirst({ where: { id: caseId, gridCode }, select: { id: true } });
  return found ? [] : [{ path: 'caseId', message: 'must be a case of the same cell' }];
}

/** A 400 listing every problem of a record, or nothing. */
export function throwProblems(d: RecordDescriptor, problems: ErrorDetail[]): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `The ${d.noun} is invalid.`, problems);
}

/** A unique index refusing a write: a component code already used in the city (409). */
export function uniqueConflict(error: unknown): never {
  if ((error as { code?: string }).code === 'P2002')
    throw new AppError('THING_CODE_TAKEN', 'Another component of the city has this code.');
  throw error;
}
