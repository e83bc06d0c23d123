import { z } from 'zod';
import { normalizeForSearch } from './search.js';

/** The most variants a `Names` holds: aliases and spellings of one entity, not a gazetteer. */
export const MAX_VARIANTS = 50;

/**
 * Names in several scripts. `ar` and `en` are the display names; `variants` holds
 * transliteration variants and other spellings (Albu Kamal, Abu Kamal, البو كمال) that
 * name search must also find.
 */
export const Names = z.strictObject({
  en: z.string().trim().min(1).max(200).describe('English display name.'),
  ar: z.string().trim().min(1).max(200).optional().describe('Arabic name.'),
  variants: z
    .array(z.string().trim().min(1).max(200))
    .max(MAX_VARIANTS)
    .default([])
    .describe('Transliteration variants, other spellings and aliases (ISIS, داعش).'),
});
export type Names = z.infer<typeof Names>;

/** Every spelling of a name, for search. */
export const allNames = (names: Names): string[] => [names.en, ...(names.ar ? [names.ar] : []), ...names.variants];

/**
 * What adding spellings takes: the variants or aliases to add, and why. Each is a spelling
 * of the same entity (Albu Kamal, داعش, Islamic State); display names stay as they are.
 */
export const AddVariants = z.strictObject({
  variants: z
    .array(z.string().trim().min(1).max(200))
    .min(1)
    .max(MAX_VARIANTS)
    .describe('Spellings or aliases to add; those it already has (read alike by name search) are left out.'),
  reason: z.string().trim().max(2000).optional().describe('Why, e.g. the source that writes it so.'),
});
export type AddVariants = z.infer<typeof AddVariants>;

/**
 * `names` with `added` appended to its variants, in order, except spellings it already has —
 * as a display name or a variant, read alike by `normalizeForSearch` (so "Abu-Kamal" adds
 * nothing beside "Abu Kamal") — and repeats within `added`. The same object when nothing is new.
 */
export const withVariants = (names: Names, added: readonly string[]): Names => {
  const known = new Set(allNames(names).map(normalizeForSearch));
  const fresh = added.filter((variant) => {
    const key = normalizeForSearch(variant);
    if (key === '' || known.has(key)) return false;
    known.add(key);
    return true;
  });
  return fresh.length === 0 ? names : { ...names, variants: [...names.variants, ...fresh] };
};
