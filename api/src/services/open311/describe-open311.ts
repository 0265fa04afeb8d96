import type { Request } from 'express';
import type { AppContext } from '../../context';

/** The date this server's Open311 interface last changed (discovery's `changeset`). */
const CHANGESET = '2026-12-06T00:00:00+08:00';

/**
 * The service discovery document (GeoReport v2 "Service Discovery"): one production endpoint,
 * this server's /open311/v2, in both formats. Its URL is taken from the request (behind
 * TRUST_PROXY, the client's scheme and host).
 */
export function describeOpen311(ctx: AppContext, req: Request) {
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}/open311/v2`;
  return {
    changeset: CHANGESET,
    contact: `聊城市网格化服务管理中心 Liaocheng grid management centre (jurisdiction_id ${ctx.config.open311.jurisdictionId})`,
    key_service: '向本市网格化服务管理中心申请 api_key。Ask the city grid management centre for an api_key.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}
