import { hasBrowser } from './browser';
import { buildClient } from './build-client';

/** Browser tests need the built client; skip the build when they will be skipped. */
export default async function setup() {
  if (hasBrowser()) await buildClient();
}
