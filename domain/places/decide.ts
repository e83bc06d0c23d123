import type { DecideContext } from '../decider.js';
import { notFound, renamed, repeatedRegistration } from '../decisions.js';
import { DomainError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { streamIdOf } from '../ids.js';
import { sameData, withoutUndefined } from '../plainData.js';
import { type Reference, requireReferences, streamIdsOf } from '../references.js';
import type { PlaceCommand } from './commands.js';
import type { PlaceState } from './state.js';

const placeReferenceFields = (command: PlaceCommand): Reference[] =>
  command.type === 'RegisterPlace' && command.data.parentId !== undefined
    ? [{ field: 'parentId', streamId: streamIdOf('place', command.data.parentId) }]
    : [];

export const placeReferences = (command: PlaceCommand): string[] => streamIdsOf(placeReferenceFields(command));

export const decidePlace = (command: PlaceCommand, state: PlaceState, context: DecideContext): DomainEvent[] => {
  switch (command.type) {
    case 'RegisterPlace': {
      const { id, ...rest } = command.data;
      const data = withoutUndefined({ placeId: id, ...rest });
      if (state) return repeatedRegistration('place', id, state.registered, data);
      // The tree cannot get a cycle: a parent must already exist, and a parent is set only at
      // registration (no event re-parents a place), so every ancestor of the parent was
      // registered before this place and none of them can be it. Naming itself is the only
      // cycle a command can ask for. A future re-parenting event must walk the ancestors.
      if (rest.parentId === id) throw new DomainError('place_cycle', `place ${id} cannot be its own parent`, ['parentId']);
      requireReferences(placeReferenceFields(command), context);
      return [{ type: 'PlaceRegistered', data }];
    }
    case 'RenamePlace': {
      const { id, names, reason } = command.data;
      if (!state) throw notFound('place', id);
      if (sameData(state.names, names)) return [];
      return [{ type: 'PlaceRenamed', data: withoutUndefined({ placeId: id, names, reason }) }];
    }
    case 'AddPlaceVariants': {
      const { id, variants, reason } = command.data;
      if (!state) throw notFound('place', id);
      const names = renamed('place', id, state.names, variants);
      return names ? [{ type: 'PlaceRenamed', data: withoutUndefined({ placeId: id, names, reason }) }] : [];
    }
  }
};
