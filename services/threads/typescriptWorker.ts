import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * The source of a worker thread (for `new Worker(source, { eval: true })`) whose entry is a
 * TypeScript module: tsx's ESM hooks are registered inside the worker first. Node 20 does not
 * carry a parent's `--import tsx` hooks into a worker, so neither `tsx services/main.ts` nor
 * vitest's forks could load a `.ts` worker without this. `tsx/esm/api` is resolved from here,
 * so the worker finds it whatever the working directory.
 *
 * @param entry - The worker module, e.g. `new URL('./planWorker.ts', import.meta.url)`.
 */
export const typescriptWorkerSource = (entry: URL): string => {
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
};

/**
 * What `new Worker(script, options)` needs to start the worker module `name` that sits beside
 * the calling module `callerUrl` (its `import.meta.url`): under the sources (a `.ts` caller,
 * tsx) the TypeScript module through {@link typescriptWorkerSource}; in the bundle
 * (`dist/service/`, `build/service.ts`) the worker's own bundled entry, `<name>.mjs`.
 *
 * @param name - The module's name without extension, e.g. `planWorker`; the bundle must have an
 *   entry of that name.
 */
export const workerScript = (callerUrl: string, name: string): { script: string | URL; options: Pick<WorkerOptions, 'eval'> } =>
  callerUrl.endsWith('.ts')
    ? { script: typescriptWorkerSource(new URL(`./${name}.ts`, callerUrl)), options: { eval: true } }
    : { script: new URL(`./${name}.mjs`, callerUrl), options: { eval: false } };
