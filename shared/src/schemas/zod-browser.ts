import { z } from 'zod';

/**
 * Imported first by the client (a side effect): zod compiles object schemas with `new Function`
 * when it may, and its probe for that (`Function('')`) is an eval that the client's
 * Content-Security-Policy (no 'unsafe-eval') blocks and reports as a violation on every page.
 * Turned off here before any module parses anything; zod then interprets its schemas.
 */
z.config({ jitless: true });
