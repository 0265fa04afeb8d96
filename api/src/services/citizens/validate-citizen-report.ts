import type { ErrorDetail } from '@wangge/shared/errors';
import { isOpen311Service } from '@wangge/shared/open311/services';
import { ZIdempotencyKey } from '@wangge/shared/schemas/cases';
import { type TCitizenReport, ZCitizenReport } from '@wangge/shared/schemas/citizens';
import type { AppContext } from '../../context';
import { AppError, detailsFromZod } from '../../http/app-error';

/**
 * A citizen's report checked whole, with every problem in one 400: the fields (zod), the category
 * (an offered one: the active sub-categories outside 矛盾纠纷 and 治安隐患, as Open311, because a
 * report naming persons must not come in anonymously), the point inside a grid cell of the city.
 * and the page's Idempotency-Key header. Returns the report, its cell and the key.
 */
export async function validateCitizenReport(
  ctx: AppContext,
  body: unknown,
  key: string | undefined,
): Promise<{ report: TCitizenReport; gridCode: string; key: string }> {
  const parsed = ZCitizenReport.safeParse(body);
  const details: ErrorDetail[] = parsed.success ? [] : detailsFromZod(parsed.error);
  const keyCheck = ZIdempotencyKey.safeParse(key);
  if (!keyCheck.success)
    details.push({
      path: 'headers.idempotency-key',
      message: key ? (keyCheck.error.issues[0]?.message ?? 'invalid') : 'required',
    });
  const raw = (body ?? {}) as { categoryCode?: unknown; location?: { lon?: unknown; lat?: unknown } };
  if (typeof raw.categoryCode === 'string' && /^\d{2,6}$/.test(raw.categoryCode)) {
    const category = await ctx.db.read.category.findUnique({
      where: { code: raw.categoryCode },
      select: { code: true, name: true, nameEn: true, parentCode: true, isActive: true },
    });
    if (!category?.isActive || !isOpen311Service(category))
      details.push({ path: 'categoryCode', message: 'is not a category the public page offers' });
  }
  let gridCode: string | null = null;
  const { lon, lat } = raw.location ?? {};
  if (typeof lon === 'number' && typeof lat === 'number') {
    gridCode = ctx.grids.locate(lon, lat) ?? null;
    if (!gridCode) details.push({ path: 'location', message: 'lies outside every grid cell of the city' });
  }
  if (!parsed.success || !keyCheck.success || details.length > 0 || !gridCode)
    throw new AppError('VALIDATION_FAILED', 'The report is invalid.', details);
  return { report: parsed.data, gridCode, key: keyCheck.data };
}
