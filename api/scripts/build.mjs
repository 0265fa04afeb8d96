// Compiles the API ahead of time: api/src/main.ts and the grid-import worker into api/dist/
// (ES modules, Node 20), so `pnpm start` runs plain JavaScript with no TypeScript loader.
//
// - node_modules stay external (better-sqlite3 is native; pg, ioredis, socket.io, the Prisma
//   runtime and its WebAssembly query compiler are loaded from node_modules as usual).
// - @wangge/shared is a workspace package of .ts sources: bundled in.
// - The generated Prisma clients (api/src/generated/…) and prisma/seed/ are sources: bundled in.
// - Code that finds repository files from its own location (`new URL('../../data',
//   import.meta.url)`: config, migrations, seed data) keeps its source location: its
//   `import.meta.url` is rewritten to the source file's URL computed from the bundle's, so the
//   same relative paths resolve from api/dist/. run-grid-import.ts is the exception: it looks
//   for the worker next to the running code (api/dist/grid-import-worker.js).
//
// Usage: node api/scripts/build.mjs [outdir]   (default api/dist)
import { readFile, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = resolve(apiDir, '..');
const outdir = resolve(process.argv[2] ?? resolve(apiDir, 'dist'));
const sharedSrc = resolve(repoDir, 'shared/src');
/** Files whose import.meta.url must stay the bundle's own (they locate dist/ siblings). */
const bundleRelative = new Set([resolve(apiDir, 'src/services/grids/run-grid-import.ts')]);

/** @type {import('esbuild').Plugin} */
const sourcePaths = {
  name: 'source-paths',
  setup(b) {
    // @wangge/shared/<path> → shared/src/<path>.ts (its package.json "exports"), bundled in.
    b.onResolve({ filter: /^@wangge\/shared(\/|$)/ }, (args) => {
      const sub = args.path.slice('@wangge/shared'.length).replace(/^\//, '') || 'index';
      return { path: resolve(sharedSrc, `${sub}.ts`) };
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url') && !bundleRelative.has(args.path)) {
        const fromOut = relative(outdir, args.path).split('\\').join('/');
        contents = contents.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`,
        );
      }
      return { contents, loader: 'ts' };
    });
  },
};

const started = Date.now();
await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: repoDir,
  entryPoints: {
    main: resolve(apiDir, 'src/main.ts'),
    'grid-import-worker': resolve(apiDir, 'src/services/grids/grid-import-worker.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  plugins: [sourcePaths],
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, out]) => sum + out.bytes, 0);
console.log(
  `api built into ${relative(repoDir, outdir) || '.'} (${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`,
);
