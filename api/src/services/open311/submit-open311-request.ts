import { randomUUID } from 'node:crypto';
import {
  COMPONENT_ATTRIBUTE,
  COMPONENT_CATEGORIES,
  OPEN311_SERVICE_NOTICE,
} from '@wangge/shared/open311/services';
import type { TOpen311NewRequest } from '@wangge/shared/schemas/open311';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { reportCase } from '../cases/report-case';
import { channelUser } from '../channels/channel-user';

/**
 * POST requests: one case through the one write path, reported by the `channel.open311`
 * account with source OPEN311 and the new service_request_id as its CaseRef (and idempotency
 * key). Requests are created synchronously, so the answer carries the service_request_id (no
 * token). The reporter's name, email and phone are not stored anywhere.
 */
export async function submitOpen311Request(
  ctx: AppContext,
  keyId: string,
  input: TOpen311NewRequest,
): Promise<{ service_request_id: string; service_notice: string }> {
  const thingId = await componentOf(ctx, input);
  const user = await channelUser(ctx, 'open311', 'Open311 接口');
  const id = randomUUID();
  const location = { lon: input.long!, lat: input.lat! };
  // Before the report, so the REPORT event is never earlier than the request (updates start there).
  const now = ctx.clock.now();
  try {
    await reportCase(
      ctx,
      user,
      {
        categoryCode: input.service_code,
        description: input.description,
        location,
        ...(input.address_string ? { address: input.address_string } : {}),
        ...(thingId ? { thingId } : {}),
      },
      `open311:${id}`,
      { source: 'OPEN311', refs: [{ channel: 'OPEN311', externalId: id }] },
    );
  } catch (error) {
    // The component named by its plate code must be in the cell of the point given.
    if (error instanceof AppError && error.details?.some((d) => d.path === 'thingId'))
      throw new AppError('VALIDATION_FAILED', 'The service request is invalid.', [
        { path: `attribute[${COMPONENT_ATTRIBUTE}]`, message: 'is not a component at lat/long' },
      ]);
    throw error;
  }
  await ctx.db.write.open311Request.create({
    data: {
      serviceRequestId: id,
      keyId,
      serviceCode: input.service_code,
      description: input.description,
      address: input.address_string ?? null,
      lat: location.lat,
      lon: location.lon,
      mediaUrl: input.media_url ?? null,
      createdAt: now,
    },
  });
  await ctx.db.write.open311Key.update({ where: { id: keyId }, data: { lastUsedAt: now } });
  return { service_request_id: id, service_notice: OPEN311_SERVICE_NOTICE };
}

/** The component (Thing) a request's component_code names, or null; 400 for an unknown code. */
async function componentOf(ctx: AppContext, input: TOpen311NewRequest): Promise<string | null> {
  const code = input.attribute?.[COMPONENT_ATTRIBUTE]?.trim();
  if (!code) return null;
  const thing = await ctx.db.read.thing.findFirst({
    where: {
      code,
      archivedAt: null,
      classCode: { in: [...(COMPONENT_CATEGORIES[input.service_code] ?? [])] },
    },
    select: { id: true },
  });
  if (!thing)
    throw new AppError('VALIDATION_FAILED', 'The service request is invalid.', [
      { path: `attribute[${COMPONENT_ATTRIBUTE}]`, message: 'names no component of this service' },
    ]);
  return thing.id;
}
