import type { DecideContext } from '../decider.js';
import { repeatedRegistration } from '../decisions.js';
import { DomainError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { streamIdOf } from '../ids.js';
import { withoutUndefined } from '../plainData.js';
import { type Reference, requireReferences, streamIdsOf } from '../references.js';
import type { ActorCommand } from './commands.js';
import type { ActorState } from './state.js';

const RELATIONS = ['parentId', 'alignedWith'] as const;

const actorReferenceFields = ({ data }: ActorCommand): Reference[] =>
  RELATIONS.flatMap((field) => {
    const id = data[field];
    return id === undefined ? [] : [{ field, streamId: streamIdOf('actor', id) }];
  });

export const actorReferences = (command: ActorCommand): string[] => streamIdsOf(actorReferenceFields(command));

export const decideActor = (command: ActorCommand, state: ActorState, context: DecideContext): DomainEvent[] => {
  const { id, ...rest } = command.data;
  const data = withoutUndefined({ actorId: id, ...rest });
  if (state) return repeatedRegistration('actor', id, state.registered, data);
  // As with places, parent and alignment are set only at registration and must already exist,
  // so naming itself is the only cycle a command can ask for.
  const selfReferences = RELATIONS.filter((field) => rest[field] === id);
  if (selfReferences.length > 0) {
    throw new DomainError('invalid_command', `actor ${id} cannot be its own ${selfReferences.join(' or ')}`, selfReferences);
  }
  requireReferences(actorReferenceFields(command), context);
  return [{ type: 'ActorRegistered', data }];
};
