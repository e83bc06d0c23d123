import { z } from 'zod';
import { EntityId } from '../ids.js';
import { type AddVariants, Names } from '../names.js';
import { PlaceKind, Point } from '../vocabulary.js';

export const RegisterPlace = z.strictObject({
  id: EntityId.describe('Slug or UUID of the place, e.g. al-bukamal.'),
  names: Names,
  kind: PlaceKind,
  parentId: EntityId.optional().describe('The enclosing place; it must already be registered.'),
  location: Point.optional().describe('WGS84 point.'),
  pcode: z.string().trim().min(1).max(40).optional().describe('OCHA P-code.'),
  geonamesId: z.number().int().positive().optional(),
});
export type RegisterPlace = z.infer<typeof RegisterPlace>;

/** Replace the place's names: all of them, as they read from now on (history keeps the old ones). */
export const RenamePlace = z.strictObject({
  names: Names.describe('The names in full: display names and every variant (omitted variants are dropped).'),
  reason: z.string().trim().max(2000).optional(),
});
export type RenamePlace = z.infer<typeof RenamePlace>;

export type PlaceCommand =
  | { type: 'RegisterPlace'; data: RegisterPlace }
  | { type: 'RenamePlace'; data: RenamePlace & { id: string } }
  | { type: 'AddPlaceVariants'; data: AddVariants & { id: string } };
