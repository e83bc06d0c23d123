import type { Decider } from '../decider.js';
import type { ClaimCommand } from './commands.js';
import { decideClaim } from './decide.js';
import { claimReferences } from './references.js';
import { type ClaimState, evolveClaim, initialClaimState } from './state.js';

export const claimDecider: Decider<ClaimCommand, ClaimState> = {
  initialState: initialClaimState,
  evolve: evolveClaim,
  decide: decideClaim,
  references: claimReferences,
};
