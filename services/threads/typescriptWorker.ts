import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

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
