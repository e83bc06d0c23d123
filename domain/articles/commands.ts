import { z } from 'zod';
import { PartialDateText } from '../dates.js';
import { EntityId } from '../ids.js';
import { LanguageTag } from '../vocabulary.js';

/** Version 2 (issue 11): articles as datasets cite them — several sources, a citation, no title or date needed. */
export const RecordArticle = z.strictObject({
  id: EntityId,
  sourceId: EntityId.describe('The source that published the article (the primary source).'),
  additionalSourceIds: z
    .array(EntityId)
    .max(20)
    .optional()
    .describe(
      'Further sources the article or its citation names ("Reuters; SOHR"): registered, distinct, none the primary ' +
        'source; at most 20. Each corroborates the claims of the article; a claim is graded by the best of them.',
    ),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  title: z.string().trim().min(1).max(1000).optional().describe('The headline; absent when the citation gives none.'),
  language: LanguageTag,
  publishedAt: z
    .union([z.iso.datetime({ offset: true }), PartialDateText], {
      error: 'must be YYYY, YYYY-MM, YYYY-MM-DD (a date that exists) or an ISO 8601 instant with an offset',
    })
    .optional()
    .describe(
      'When the source published it: an ISO 8601 instant, a day (YYYY-MM-DD), or a partial date (YYYY-MM, YYYY) ' +
        'when the citation gives no more. Absent when unknown. Relative dates in its text are resolved only from a day.',
    ),
  citation: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .optional()
    .describe('The citation verbatim, as the dataset gives it, e.g. "Reuters 2017-10-12; SOHR".'),
});
export type RecordArticle = z.infer<typeof RecordArticle>;

export type ArticleCommand = { type: 'RecordArticle'; data: RecordArticle };
