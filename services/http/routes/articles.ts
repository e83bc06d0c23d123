import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordArticle } from '../../../domain/articles/commands.js';
import type { Names } from '../../../domain/names.js';
import type { ArticleView } from '../../../projections/registry.js';
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

/** An article is found by the words of its title; one `Names` per article, so search prepares each title once. */
const titles = new WeakMap<ArticleView, Names>();
const titleAsNames = (article: ArticleView): Names => {
  let names = titles.get(article);
  if (names === undefined) {
    names = { en: article.title, variants: [] };
    titles.set(article, names);
  }
  return names;
};

export const articleRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  registerRegistryResource(app, deps, {
    path: 'articles',
    noun: 'article',
    body: RecordArticle,
    toCommand: (data) => ({ type: 'RecordArticle' as const, data }),
    out: ArticleOut,
    views: (d) => d.follower.state.registry.articles,
    toOut: (a) => ({ ...a, position: a.position.toString() }),
    names: titleAsNames,
  });
};
