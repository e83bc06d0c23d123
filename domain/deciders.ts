import { actorDecider } from './actors/decider.js';
import { articleDecider } from './articles/decider.js';
import { claimDecider } from './claims/decider.js';
import { placeDecider } from './places/decider.js';
import { sourceDecider } from './sources/decider.js';

/** One decider per aggregate category. */
export const deciders = {
  source: sourceDecider,
  place: placeDecider,
  actor: actorDecider,
  article: articleDecider,
  claim: claimDecider,
} as const;
