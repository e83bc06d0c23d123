import type { Decider } from '../decider.js';
import type { ArticleCommand } from './commands.js';
import { articleReferences, decideArticle } from './decide.js';
import { type ArticleState, evolveArticle, initialArticleState } from './state.js';

export const articleDecider: Decider<ArticleCommand, ArticleState> = {
  initialState: initialArticleState,
  evolve: evolveArticle,
  decide: decideArticle,
  references: articleReferences,
};
