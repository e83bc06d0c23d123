import type { DecideContext } from '../decider.js';
import { notFound, renamed, repeatedRegistration } from '../decisions.js';
import { DomainError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { streamIdOf } from '../ids.js';
import { sameData, withoutUndefined } from '../plainData.js';
import { type Reference, requireReferences, streamIdsOf } from '../references.js';
import type { ActorCommand, RegisterActor } from './commands.js';
import type { ActorState } from './state.js';

const RELATIONS = ['parentId', 'alignedWith'] as const;

const relationsOf = (data: RegisterActor): Reference[] =>
  RELATIONS.flatMap((field) => {
    const id = data[field];
    return id === undefined ? [] : [{ field, streamId: streamIdOf('actor', id) }];
  });

/** A registration names its parent and alignment; a rename names no other actor. */
export const actorReferences = (command: ActorCommand): string[] =>
  command.type === 'RegisterActor' ? streamIdsOf(relationsOf(command.data)) : [];

const register = (command: RegisterActor, state: ActorState, context: DecideContext): DomainEvent[] => {
  const { id, ...rest } = command;
  const data = withoutUndefined({ actorId: id, ...rest });
  if (state) return repeatedRegistration('actor', id, state.registered, data);
  // As with places, parent and alignment are set only at registration and must already exist,
  // so naming itself is the only cycle a command can ask for.
  const selfReferences = RELATIONS.filter((field) => rest[field] === id);
  if (selfReferences.length > 0) {
    throw new DomainError('invalid_command', `actor ${id} cannot be its own ${selfReferences.join(' or ')}`, selfReferences);
  }
  requireReferences(relationsOf(command), context);
  return [{ type: 'ActorRegistered', data }];
};

export const decideActor = (command: ActorCommand, state: ActorState, context: DecideContext): DomainEvent[] => {
  switch (command.type) {
    case 'RegisterActor':
      return register(command.data, state, context);
    case 'RenameActor': {
      const { id, names, reason } = command.data;
      if (!state) throw notFound('actor', id);
      if (sameData(state.names, names)) return [];
      return [{ type: 'ActorRenamed', data: withoutUndefined({ actorId: id, names, reason }) }];
    }
    case 'AddActorVariants': {
      const { id, variants, reason } = command.data;
      if (!state) throw notFound('actor', id);
      const names = renamed('actor', id, state.names, variants);
      return names ? [{ type: 'ActorRenamed', data: withoutUndefined({ actorId: id, names, reason }) }] : [];
    }
  }
};
