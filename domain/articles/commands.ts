import { z } from 'zod';
import { EntityId } from '../ids.js';
import { LanguageTag } from '../vocabulary.js';

export const RecordArticle = z.strictObject({
  id: EntityId,
  sourceId: EntityId.describe('The source that published the article.'),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  title: z.string().trim().min(1).max(1000),
  language: LanguageTag,
  publishedAt: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .describe('When the source published it: an ISO 8601 date or instant.'),
});
export type RecordArticle = z.infer<typeof RecordArticle>;

export type ArticleCommand = { type: 'RecordArticle'; data: RecordArticle };
