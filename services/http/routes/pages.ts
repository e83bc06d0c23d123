import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ApplicationError } from '../../applicationError.js';
import { installRoot } from '../../installRoot.js';

/** Where `npm run build:web` writes the page (`web/build.ts`). */
export const WEB_ROOT = join(installRoot(), 'dist', 'web');

/**
 * The pages: `GET /` answers the map (`dist/web/index.html`), `GET /record` the recording
 * page (`record.html`, issue 15), `GET /assets/*` the bundle, styles,
 * fonts and basemap it names, all built from `web/` by `npm run build:web` (DESIGN, "The map").
 * Asset names carry a content hash, so they are cached for a year; the page itself is
 * revalidated. Public like `/docs`: the page reads the API with the caller's own credentials.
 * Hidden from the OpenAPI document, which describes the API, not its pages.
 */
export const pageRoutes: FastifyPluginAsync<{ root?: string }> = async (app, options) => {
  const root = options.root ?? WEB_ROOT;
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
  }
  const page = (file: string) => async (_request: unknown, reply: FastifyReply) => {
    if (!built) {
      throw new ApplicationError(
        'page_not_built',
        'the map page has not been built: run `npm run build:web` (npm start and npm run demo build it when missing)',
      );
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await readFile(join(root, file)));
  };
  app.get('/', { schema: { hide: true } }, page('index.html'));
  app.get('/record', { schema: { hide: true } }, page('record.html'));
};
