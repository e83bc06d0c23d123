import type { Decider } from '../decider.js';
import type { PlaceCommand } from './commands.js';
import { decidePlace, placeReferences } from './decide.js';
import { evolvePlace, initialPlaceState, type PlaceState } from './state.js';

export const placeDecider: Decider<PlaceCommand, PlaceState> = {
  initialState: initialPlaceState,
  evolve: evolvePlace,
  decide: decidePlace,
  references: placeReferences,
};
