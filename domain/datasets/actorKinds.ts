import type { ActorKind } from '../vocabulary.js';

/**
 * The kind of an actor the datasets name, from its name alone (UCDP gives no kind; ACLED's
 * `inter` codes are used where given, `acled.ts`): "Civilians" → civilians; a government or
 * its forces → government / state_military; anything else → non_state_armed_group.
 */
export const actorKindOfName = (name: string): ActorKind => {
  if (/^civilians\b/i.test(name)) return 'civilians';
  if (/^government of\b/i.test(name)) return 'government';
  if (/^(military|police) forces of\b/i.test(name)) return 'state_military';
  return 'non_state_armed_group';
};
