import { DomainError } from '../errors.js';
import type { RecordArticle } from './commands.js';

/**
 * An article's further sources are distinct and other than its primary source (issue 11):
 * naming a source twice would count its word twice. Throws `invalid_command` naming each
 * offending `additionalSourceIds/{i}`.
 */
export const assertArticleShape = (article: RecordArticle): void => {
  const ids = article.additionalSourceIds ?? [];
  const problems = ids.flatMap((id, i) =>
    id === article.sourceId
      ? [{ field: `additionalSourceIds/${i}`, message: `source ${id} is the primary source (sourceId)` }]
      : ids.indexOf(id) < i
        ? [{ field: `additionalSourceIds/${i}`, message: `source ${id} is named more than once` }]
        : [],
  );
  if (problems.length === 0) return;
  throw new DomainError(
    'invalid_command',
    problems.map((p) => p.message).join('; '),
    problems.map((p) => p.field),
  );
};
