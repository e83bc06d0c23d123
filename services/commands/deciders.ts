import { actorDecider } from '../../domain/actors/decider.js';
import { articleDecider } from '../../domain/articles/decider.js';
import { claimDecider } from '../../domain/claims/decider.js';
import { placeDecider } from '../../domain/places/decider.js';
import { sourceDecider } from '../../domain/sources/decider.js';

/** One decider per aggregate, by the category of its streams. */
export const deciders = {
  source: sourceDecider,
  place: placeDecider,
  actor: actorDecider,
  article: articleDecider,
  claim: claimDecider,
} as const;
