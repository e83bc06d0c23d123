import { z } from 'zod';
import { EntityId } from '../ids.js';
import { type AddVariants, Names } from '../names.js';
import { ActorKind } from '../vocabulary.js';

export const RegisterActor = z.strictObject({
  id: EntityId.describe('Slug or UUID of the actor, e.g. irgc.'),
  names: Names,
  kind: ActorKind,
  parentId: EntityId.optional().describe('The actor this one is part of (a military council of the SDF).'),
  alignedWith: EntityId.optional().describe('The actor this one is aligned with (a militia aligned with the IRGC).'),
});
export type RegisterActor = z.infer<typeof RegisterActor>;

/** Replace the actor's names: all of them, as they read from now on (history keeps the old ones). */
export const RenameActor = z.strictObject({
  names: Names.describe('The names in full: display names and every alias (omitted aliases are dropped).'),
  reason: z.string().trim().max(2000).optional(),
});
export type RenameActor = z.infer<typeof RenameActor>;

export type ActorCommand =
  | { type: 'RegisterActor'; data: RegisterActor }
  | { type: 'RenameActor'; data: RenameActor & { id: string } }
  | { type: 'AddActorVariants'; data: AddVariants & { id: string } };
