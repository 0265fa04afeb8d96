import { fileURLToPath } from 'node:url';

/** Where test runs keep their databases and files (ignored by git). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../.artifacts/', import.meta.url));
/** A migrated, seeded (reference data + demo users, no cases) database copied by each test. */
export const TEMPLATE_DB = `${ARTIFACTS_DIR}template.db`;
export const DEMO_PASSWORD = 'demo1234';
