import type { HotlineRequestType } from '@wangge/shared/schemas/hotline';
import type { AppContext } from '../../context';

/** A case's 12345 caller as stored: the phone still encrypted. */
export interface StoredCaller {
  /** DESK: taken at the 12345 desk (HotlineCall); EXCHANGE: a platform work order (HotlineOrder). */
  channel: 'DESK' | 'EXCHANGE';
  requestType: HotlineRequestType;
  name: string | null;
  phoneCipher: string | null;
}

/**
 * The caller of each of `caseIds` that came in by the 12345 hotline, read the same way whichever
 * way the call came: the desk's HotlineCall, else the exchange's HotlineOrder of the case it
 * created. Cases without a caller are absent from the map.
 */
export async function findCaseCallers(ctx: AppContext, caseIds: readonly string[]) {
  const ids = [...new Set(caseIds)];
  const out = new Map<string, StoredCaller>();
  if (ids.length === 0) return out;
  const [calls, orders] = await Promise.all([
    ctx.db.read.hotlineCall.findMany({ where: { caseId: { in: ids } } }),
    ctx.db.read.hotlineOrder.findMany({
      where: { caseId: { in: ids } },
      select: { caseId: true, requestType: true, callerName: true, callerPhone: true },
    }),
  ]);
  for (const o of orders)
    out.set(o.caseId, {
      channel: 'EXCHANGE',
      requestType: o.requestType as HotlineRequestType,
      name: o.callerName,
      phoneCipher: o.callerPhone,
    });
  for (const c of calls)
    out.set(c.caseId, {
      channel: 'DESK',
      requestType: c.requestType as HotlineRequestType,
      name: c.callerName,
      phoneCipher: c.callerPhone,
    });
  return out;
}
