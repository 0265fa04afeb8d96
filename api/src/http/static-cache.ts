import type { ServerResponse } from 'node:http';
import { basename, sep } from 'node:path';

/** Files that must be revalidated on every load: a deploy replaces them under the same name. */
const REVALIDATE = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);

/**
 * Cache-Control for the built web client (express.static's setHeaders): Vite's content-hashed
 * files under assets/ never change under their name (a year, immutable); index.html and the
 * service worker are revalidated on every load (`no-cache`: an ETag/Last-Modified round trip),
 * so a deploy reaches every browser at once; other public files (icons) an hour.
 */
export function staticCacheHeaders(res: ServerResponse, path: string): void {
  const name = basename(path);
  if (path.includes(`${sep}assets${sep}`))
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else if (REVALIDATE.has(name)) res.setHeader('Cache-Control', 'no-cache');
  else res.setHeader('Cache-Control', 'public, max-age=3600');
}
