import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordArticle } from '../../../domain/articles/commands.js';
import type { AppDeps } from '../../deps.js';
import { registerRegistryResource } from '../registryResource.js';

const ArticleOut = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    url: z.string().optional(),
    title: z.string(),
    language: z.string(),
    publishedAt: z.string(),
    claimIds: z.array(z.string()),
    recordedAt: z.string(),
    position: z.string(),
  })
  .meta({ id: 'Article' });

export const articleRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  registerRegistryResource(app, deps, {
    path: 'articles',
    noun: 'article',
    body: RecordArticle,
    toCommand: (data) => ({ type: 'RecordArticle' as const, data }),
    out: ArticleOut,
    views: (d) => d.follower.state.registry.articles,
    toOut: (a) => ({ ...a, position: a.position.toString() }),
    names: (a) => [a.title],
  });
};
