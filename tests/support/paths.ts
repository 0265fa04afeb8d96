import { fileURLToPath } from 'node:url';

/** Where test runs keep their databases and files (ignored by git); one subfolder per run. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../.artifacts/', import.meta.url));
export const DEMO_PASSWORD = 'demo1234';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's folder, holding the seeded template database. */
    runDir: string;
    /** The seeded template database the test apps are cloned from (test-database.ts). */
    template: import('./test-database').TemplateRef;
  }
}
