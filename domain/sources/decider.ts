import type { Decider } from '../decider.js';
import type { SourceCommand } from './commands.js';
import { decideSource, sourceReferences } from './decide.js';
import { evolveSource, initialSourceState, type SourceState } from './state.js';

export const sourceDecider: Decider<SourceCommand, SourceState> = {
  initialState: initialSourceState,
  evolve: evolveSource,
  decide: decideSource,
  references: sourceReferences,
};
