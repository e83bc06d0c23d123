import type { Decider } from '../decider.js';
import type { ActorCommand } from './commands.js';
import { actorReferences, decideActor } from './decide.js';
import { type ActorState, evolveActor, initialActorState } from './state.js';

export const actorDecider: Decider<ActorCommand, ActorState> = {
  initialState: initialActorState,
  evolve: evolveActor,
  decide: decideActor,
  references: actorReferences,
};
