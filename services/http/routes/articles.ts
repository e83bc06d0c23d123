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
    sourceId: z.string().describe('The primary source.'),
    additionalSourceIds: z.array(z.string()).optional().describe('Further sources the article or its citation names.'),
    url: z.string().optional(),
    title: z.string().optional().describe('Absent when the citation gives none.'),
    language: z.string(),
    publishedAt: z
      .string()
      .optional()
      .describe('An ISO 8601 instant, a day, or a partial date (YYYY-MM, YYYY); absent when unknown.'),
    citation: z.string().optional().describe('The citation verbatim, e.g. "Reuters 2017-10-12; SOHR".'),
    claimIds: z.array(z.string()),
    recordedAt: z.string(),
    position: z.string(),
  })
  .meta({ id: 'Article' });

/**
 * An article is found by the words of its title, or of its citation when it has no title (a
 * dataset's article); one `Names` per article, so search prepares each once.
 */
const titles = new WeakMap<ArticleView, Names>();
const titleAsNames = (article: ArticleView): Names => {
  let names = titles.get(article);
  if (names === undefined) {
    names = { en: article.title ?? article.citation ?? article.id, variants: [] };
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
