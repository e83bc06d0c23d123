import { z } from 'zod';
import { Reliability } from '../grades.js';
import { EntityId } from '../ids.js';
import { type AddVariants, Names } from '../names.js';
import { SourceKind } from '../vocabulary.js';

export const RegisterSource = z.strictObject({
  id: EntityId.describe('Slug or UUID of the source, e.g. al-furat-post.'),
  name: Names,
  kind: SourceKind,
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  reliability: Reliability.describe('Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged.'),
  note: z.string().max(2000).optional(),
});
export type RegisterSource = z.infer<typeof RegisterSource>;

export const ReviseSourceReliability = z.strictObject({
  reliability: Reliability,
  reason: z.string().trim().min(1).max(2000).describe('Why the grade changed.'),
});
export type ReviseSourceReliability = z.infer<typeof ReviseSourceReliability>;

/** Replace the source's names: all of them, as they read from now on (history keeps the old ones). */
export const RenameSource = z.strictObject({
  name: Names.describe('The names in full: display names and every variant (omitted variants are dropped).'),
  reason: z.string().trim().max(2000).optional(),
});
export type RenameSource = z.infer<typeof RenameSource>;

export type SourceCommand =
  | { type: 'RegisterSource'; data: RegisterSource }
  | { type: 'ReviseSourceReliability'; data: ReviseSourceReliability & { id: string } }
  | { type: 'RenameSource'; data: RenameSource & { id: string } }
  | { type: 'AddSourceVariants'; data: AddVariants & { id: string } };
