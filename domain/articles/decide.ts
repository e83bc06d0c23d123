import type { DecideContext } from '../decider.js';
import { repeatedRegistration } from '../decisions.js';
import type { DomainEvent } from '../events.js';
import { streamIdOf } from '../ids.js';
import { withoutUndefined } from '../plainData.js';
import { type Reference, requireReferences, streamIdsOf } from '../references.js';
import type { ArticleCommand } from './commands.js';
import { assertArticleShape } from './shape.js';
import type { ArticleState } from './state.js';

const articleReferenceFields = ({ data }: ArticleCommand): Reference[] => [
  { field: 'sourceId', streamId: streamIdOf('source', data.sourceId) },
  ...(data.additionalSourceIds ?? []).map((id, i) => ({
    field: `additionalSourceIds/${i}`,
    streamId: streamIdOf('source', id),
  })),
];

export const articleReferences = (command: ArticleCommand): string[] => streamIdsOf(articleReferenceFields(command));

export const decideArticle = (command: ArticleCommand, state: ArticleState, context: DecideContext): DomainEvent[] => {
  const { id, ...rest } = command.data;
  const data = withoutUndefined({ articleId: id, ...rest });
  if (state) return repeatedRegistration('article', id, state.recorded, data);
  assertArticleShape(command.data);
  requireReferences(articleReferenceFields(command), context);
  return [{ type: 'ArticleRecorded', data }];
};
