import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { isStale } from './newestInput.js';

/**
 * `npm run build:service` (`build/all.ts --only service`): bundles the service (`services/main.ts`, and the
 * import planning worker `services/importers/planWorker.ts`, its own thread's entry) with
 * esbuild into `dist/service/main.mjs` and `planWorker.mjs` (git-ignored), with source maps
 * beside them. Not minified, so a stack trace names the functions it passes through; for
 * source-file lines too, start with `NODE_OPTIONS=--enable-source-maps` (it parses the map at
 * start, some 60–80 ms, so it is not the default).
 * `npm start`, `npm run demo`, the Docker image, the tests' server processes and the bench run
 * the bundle: one file Node loads without tsx's hooks starts in about 0.4 s where the sources
 * under tsx took 0.9 s (issue 14's restart budget). `--if-stale` does nothing when the bundle is
 * newer than every source folder, this script and the lockfile.
 *
 * Packages stay outside the bundle when they read their own files or load native code at run
 * time (better-sqlite3, the KurrentDB and PostgreSQL clients, the Swagger UI and static-file
 * plugins, pino's worker-based transports): Node resolves them from `node_modules` as before.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICE_OUT = join(root, 'dist', 'service');
/** The bundled entry `npm start` runs. */
export const SERVICE_MAIN = join(SERVICE_OUT, 'main.mjs');

const EXTERNAL = [
  'better-sqlite3',
  '@kurrent/kurrentdb-client',
  'pg',
  'pg-native',
  '@fastify/swagger-ui',
  '@fastify/static',
  'pino',
  'tsx',
  'esbuild',
];

/** True when the bundle is missing or older than a source, this script, the package files or the TypeScript settings. */
export const serviceIsStale = (): Promise<boolean> =>
  isStale(SERVICE_MAIN, [
    join(root, 'domain'),
    join(root, 'projections'),
    join(root, 'services'),
    join(root, 'build'),
    join(root, 'package.json'),
    join(root, 'package-lock.json'),
    join(root, 'tsconfig.json'),
  ]);

/** Build the bundle; returns the output folder. */
export const buildService = async (): Promise<string> => {
  await rm(SERVICE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { main: join(root, 'services', 'main.ts'), planWorker: join(root, 'services', 'importers', 'planWorker.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: SERVICE_OUT,
    outExtension: { '.js': '.mjs' },
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as sijillCreateRequire } from 'node:module'; const require = sijillCreateRequire(import.meta.url);",
    },
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return SERVICE_OUT;
};
