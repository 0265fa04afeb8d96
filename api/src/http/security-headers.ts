import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every response (helmet: the maintained set, rather than our own list):
 * a strict Content-Security-Policy — scripts and styles from this origin only, no inline code,
 * no framing (`frame-ancestors 'none'`), no plugins —, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, and HSTS only on requests that arrived over TLS (directly or
 * through a trusted proxy: TRUST_PROXY), since an HTTP-only deployment must stay reachable.
 * `extraImgSrc`: fixed image origins (CSP_IMG_ORIGINS). The base-map tile hosts an admin
 * configured (MapSetting) are added per response from `res.locals.tileOrigins`, set by the
 * middleware before this one, so a new tile server is allowed without a restart — and only it.
 */
const tileOriginsOf = (res: Response) => ((res.locals.tileOrigins as string[] | undefined) ?? []).join(' ');

export function securityHeaders(extraImgSrc: readonly string[] = []): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Photos are previewed from blob: and data: URLs before upload.
        imgSrc: ["'self'", 'data:', 'blob:', ...extraImgSrc, (_req, res) => tileOriginsOf(res as Response)],
        fontSrc: ["'self'", 'data:'],
        // Socket.IO on the same origin (ws: and wss: are covered by 'self').
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  return (req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    headers(req, res, next);
  };
}
