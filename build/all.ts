import { parseArgs } from 'node:util';
import { buildWeb, webIsStale } from '../web/build.js';
import { buildService, serviceIsStale } from './service.js';

/**
 * `npm run build [-- --if-stale] [--only web|service]`: the map page (`dist/web/`,
 * `web/build.ts`; `npm run build:web`) and the service bundle (`dist/service/`,
 * `build/service.ts`; `npm run build:service`), each skipped under `--if-stale` when it is newer
 * than its inputs. `npm start` and `npm run demo` run this first, so a fresh clone builds once.
 */
const main = async () => {
  const { values } = parseArgs({
    options: { 'if-stale': { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const targets = [
    ['web', 'map page', webIsStale, buildWeb],
    ['service', 'service bundle', serviceIsStale, buildService],
  ] as const;
  if (values.only !== undefined && !targets.some(([key]) => key === values.only)) {
    throw new Error(`--only takes web or service, not '${values.only}'`);
  }
  for (const [key, name, isStale, build] of targets) {
    if (values.only !== undefined && values.only !== key) continue;
    if (values['if-stale'] && !(await isStale())) continue;
    const started = performance.now();
    const out = await build();
    process.stderr.write(`${name} built into ${out} in ${Math.round(performance.now() - started)} ms\n`);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
