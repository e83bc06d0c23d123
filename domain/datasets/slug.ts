import { MAX_ID_LENGTH } from '../ids.js';

/**
 * A deterministic entity id from a dataset's name or code: letters folded to ASCII (Şemdinli →
 * semdinli), lowercased, every run of other characters one `-`, cut to the longest id.
 * The same text always gives the same id, so re-importing a file finds what it created.
 * Empty when nothing of the text is ASCII letters or digits (an Arabic-only name).
 */
export const slugOf = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/ß/g, 'ss')
    .replace(/[Øø]/g, 'o')
    .replace(/[Łł]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_ID_LENGTH)
    .replace(/^-+|-+$/g, '');

/** A child's id under its parent's: `parent-child`, cut to the longest id. */
export const childSlug = (parentId: string, name: string): string => slugOf(`${parentId}-${name}`);
