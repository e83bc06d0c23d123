import { z } from 'zod';
import { EntityId } from '../ids.js';
import { Names } from '../names.js';
import { ActorKind } from '../vocabulary.js';

export const RegisterActor = z.strictObject({
  id: EntityId.describe('Slug or UUID of the actor, e.g. irgc.'),
  names: Names,
  kind: ActorKind,
  parentId: EntityId.optional().describe('The actor this one is part of (a military council of the SDF).'),
  alignedWith: EntityId.optional().describe('The actor this one is aligned with (a militia aligned with the IRGC).'),
});
export type RegisterActor = z.infer<typeof RegisterActor>;

export type ActorCommand = { type: 'RegisterActor'; data: RegisterActor };
