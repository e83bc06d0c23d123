import { z } from 'zod';

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
    .max(50)
    .default([])
    .describe('Transliteration variants and other spellings.'),
});
export type Names = z.infer<typeof Names>;

/** Every spelling of a name, for search. */
export const allNames = (names: Names): string[] => [names.en, ...(names.ar ? [names.ar] : []), ...names.variants];
