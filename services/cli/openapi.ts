import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_TOKENS, openApiDocument } from '../openApiDocument.js';

/**
 * `npm run openapi -- [folder]`: writes the OpenAPI documents a service serves — `open.json`
 * (no tokens configured: the embedded default) and `authenticated.json` (SIJILL_TOKENS set)
 * — into the folder (default `.ci/openapi`), for `redocly lint` (`npm run lint:openapi`).
 */
const main = async () => {
  const folder = process.argv[2] ?? join('.ci', 'openapi');
  await mkdir(folder, { recursive: true });
  for (const [name, env] of [
    ['open', {}],
    ['authenticated', DOCUMENT_TOKENS],
  ] as const) {
    const path = join(folder, `${name}.json`);
    await writeFile(path, `${JSON.stringify(await openApiDocument(env), null, 2)}\n`);
    process.stderr.write(`wrote ${path}\n`);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`openapi failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
