import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { isStale } from '../build/newestInput.js';

/**
 * `npm run build:web` (`build/all.ts --only web`): bundles the map page (`web/src/main.ts` and its CSS,
 * and the recording page `web/src/record/record.ts` into `record.html`,
 * Leaflet and the Noto Sans Arabic font) with esbuild into `dist/web/` (git-ignored), names the
 * assets by content hash, copies the committed basemap beside them and writes `index.html`
 * pointing at them. `--if-stale` does nothing when `dist/web/index.html` is newer than every
 * input (used by `npm start`, `npm run demo` and the tests, so a fresh clone builds once).
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
export const WEB_OUT = join(root, 'dist', 'web');
const ASSETS = join(WEB_OUT, 'assets');
const BASEMAP = join(here, 'basemap', 'syria-admin.topo.json');

/** True when the built page is missing or older than a source, the template, the basemap, this script or the lockfile. */
export const webIsStale = (): Promise<boolean> =>
  isStale(join(WEB_OUT, 'index.html'), [
    join(here, 'src'),
    join(here, 'index.html'),
    join(here, 'record.html'),
    BASEMAP,
    join(here, 'build.ts'),
    join(root, 'package-lock.json'),
  ]);

const hashOf = async (path: string) => {
  const { createHash } = await import('node:crypto');
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
    .slice(0, 10);
};

/** Build the page; returns the output folder. */
export const buildWeb = async (): Promise<string> => {
  await rm(WEB_OUT, { recursive: true, force: true });
  await mkdir(ASSETS, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(here, 'src', 'main.ts'), join(here, 'src', 'record', 'record.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    outdir: ASSETS,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.woff2': 'file', '.woff': 'file', '.png': 'file', '.svg': 'file' },
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => resolve(root, p));
  const script = outputs.find((p) => /main-[^/]+\.js$/.test(p));
  const style = outputs.find((p) => /main-[^/]+\.css$/.test(p));
  if (!script || !style) throw new Error(`esbuild wrote no main script or style: ${outputs.join(', ')}`);
  const basemap = `syria-admin-${await hashOf(BASEMAP)}.topo.json`;
  await copyFile(BASEMAP, join(ASSETS, basemap));
  const url = (p: string) => `/${relative(WEB_OUT, p).split('\\').join('/')}`;
  const template = await readFile(join(here, 'index.html'), 'utf8');
  const html = template
    .replaceAll('{{script}}', url(script))
    .replaceAll('{{style}}', url(style))
    .replaceAll('{{basemap}}', `/assets/${basename(basemap)}`);
  await writeFile(join(WEB_OUT, 'index.html'), html);
  // The recording page (`/record`): its own script and style, the same build.
  const recordScript = outputs.find((p) => /record-[^/]+\.js$/.test(p));
  const recordStyle = outputs.find((p) => /record-[^/]+\.css$/.test(p));
  if (!recordScript || !recordStyle) throw new Error(`esbuild wrote no record script or style: ${outputs.join(', ')}`);
  const recordTemplate = await readFile(join(here, 'record.html'), 'utf8');
  await writeFile(
    join(WEB_OUT, 'record.html'),
    recordTemplate.replaceAll('{{script}}', url(recordScript)).replaceAll('{{style}}', url(recordStyle)),
  );
  return WEB_OUT;
};
