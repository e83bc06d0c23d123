import { z } from 'zod';
import { EntityId } from '../ids.js';
import { ActorRole } from '../vocabulary.js';

/**
 * Who played which part: each named actor (it must be one of the claim's `actorIds`, at most
 * once — a shape rule, domain/claims/shape.ts) with its role in UCDP's terms (`ActorRole`).
 */
export const ActorRoles = z
  .array(
    z.strictObject({
      actorId: EntityId.describe('One of the claim’s actorIds.'),
      role: ActorRole.describe(
        'side_a / side_b (UCDP side_a/side_b; ACLED actor1/actor2) or associated_a / associated_b ' +
          '(ACLED assoc_actor_1/assoc_actor_2).',
      ),
    }),
  )
  .max(20);
export type ActorRoles = z.infer<typeof ActorRoles>;
