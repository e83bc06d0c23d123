import type { DomainEvent, EventOf } from '../events.js';

export interface Article {
  /** The record as first made: an identical re-recording is recognised against it. */
  readonly recorded: EventOf<'ArticleRecorded'>['data'];
}

/** `undefined` until the article is recorded. */
export type ArticleState = Article | undefined;

export const initialArticleState: ArticleState = undefined;

export const evolveArticle = (state: ArticleState, event: DomainEvent): ArticleState =>
  // A stream has one record; a stray second one is ignored rather than rewriting history.
  event.type === 'ArticleRecorded' ? (state ?? { recorded: event.data }) : state;
