import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding sijill's `package.json` (and `dist/`), found by walking up from this
 * module: the same folder whether the service runs from its sources (`services/`, under tsx)
 * or from the bundle (`dist/service/main.mjs`, `build/service.ts`).
 *
 * @throws Error when no parent folder holds a `package.json` (a copied-out bundle).
 */
export const installRoot = (): string => {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}: where is sijill installed?`);
    folder = parent;
  }
  return folder;
};
