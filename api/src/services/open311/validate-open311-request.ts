import type { ErrorDetail } from '@wangge/shared/errors';
import { COMPONENT_ATTRIBUTE, COMPONENT_CATEGORIES, isOpen311Service } from '@wangge/shared/open311/services';
import { type TOpen311NewRequest, ZOpen311NewRequest } from '@wangge/shared/schemas/open311';
import type { AppContext } from '../../context';
import { AppError, detailsFromZod } from '../../http/app-error';

/**
 * A POSTed service request, checked whole: the fields (zod), then whether service_code is an
 * offered service and the attributes are its own. Throws one 400 listing every problem.
 */
export async function validateOpen311Request(ctx: AppContext, body: unknown): Promise<TOpen311NewRequest> {
  const parsed = ZOpen311NewRequest.safeParse(body);
  const details: ErrorDetail[] = parsed.success ? [] : detailsFromZod(parsed.error);
  const raw = (body ?? {}) as { service_code?: unknown; attribute?: unknown; lat?: unknown; long?: unknown };
  // A case is placed in its grid cell by coordinates: an address alone cannot be placed.
  for (const field of ['lat', 'long'] as const)
    if (raw[field] === undefined || raw[field] === '')
      details.push({ path: field, message: 'is required: this jurisdiction places requests by lat/long' });
  const code = typeof raw.service_code === 'string' ? raw.service_code : null;
  if (code !== null && /^\d{2,6}$/.test(code)) {
    const category = await ctx.db.read.category.findUnique({
      where: { code },
      select: { code: true, name: true, nameEn: true, parentCode: true, isActive: true },
    });
    if (!category?.isActive || !isOpen311Service(category))
      details.push({
        path: 'service_code',
        message: 'is not a service of this jurisdiction (see services.json)',
      });
  }
  if (raw.attribute && typeof raw.attribute === 'object') {
    const allowed = code && COMPONENT_CATEGORIES[code] ? [COMPONENT_ATTRIBUTE] : [];
    for (const name of Object.keys(raw.attribute))
      if (!allowed.includes(name))
        details.push({
          path: `attribute[${name}]`,
          message: `is not an attribute of service ${code ?? ''}`.trim(),
        });
  }
  if (!parsed.success || details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The service request is invalid.', details);
  return parsed.data;
}
