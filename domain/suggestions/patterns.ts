import AhoCorasick from 'modern-ahocorasick';
import { normalizeForSearch } from '../search.js';
import { type FoldedText, originalSpan, wholeWordPrefix } from './foldText.js';

/**
 * Many patterns against one text at once: an Aho–Corasick automaton (modern-ahocorasick)
 * over the folded forms, so the cost of a scan grows with the text and the matches, not with
 * the number of names (a 10,000-place gazetteer costs what a 10-place one does, per scan).
 * Each raw match is then held to whole words (`wholeWordPrefix`).
 */
export interface PatternSpec<T> {
  /** The pattern as written; folded here the way names are. A trailing `*` makes it a stem. */
  readonly text: string;
  readonly value: T;
}

export interface PatternHit<T> {
  readonly value: T;
  /** Folded range. */
  readonly from: number;
  readonly to: number;
  /** Original UTF-16 range, proclitics excluded. */
  readonly start: number;
  readonly end: number;
  /** Arabic proclitics the word carried before the match (`و`, `بال`, `لل`…), '' if none. */
  readonly prefix: string;
}

interface Entry<T> {
  readonly value: T;
  readonly stem: boolean;
  readonly arabic: boolean;
  /** The ل + ال contraction (`للحرس` for `الحرس`): the pattern lost its alef, and a ل must precede it. */
  readonly contracted: boolean;
  /** Short Latin acronyms (IS, SDF) are matched in their capitals only: "is" is not ISIS. */
  readonly capitals: string | undefined;
}

export interface CompiledPatterns<T> {
  readonly automaton: AhoCorasick<number> | undefined;
  readonly keys: readonly string[];
  readonly entries: readonly (readonly Entry<T>[])[];
}

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;
const ACRONYM = /^[A-Z]{2,5}$/;

export const compilePatterns = <T>(specs: Iterable<PatternSpec<T>>): CompiledPatterns<T> => {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const entries: Entry<T>[][] = [];
  const add = (key: string, entry: Entry<T>) => {
    if (key.length < 2) return;
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      index.set(key, i);
      keys.push(key);
      entries.push([]);
    }
    entries[i]!.push(entry);
  };
  for (const { text, value } of specs) {
    const stem = text.endsWith('*');
    const written = stem ? text.slice(0, -1) : text;
    const key = normalizeForSearch(written);
    const arabic = ARABIC.test(written);
    const capitals = ACRONYM.test(written.trim()) ? written.trim() : undefined;
    add(key, { value, stem, arabic, contracted: false, capitals });
    if (arabic && key.startsWith('ال') && key.length > 3) add(key.slice(1), { value, stem, arabic, contracted: true, capitals });
  }
  const automaton = keys.length > 0 ? new AhoCorasick(keys.map((pattern, i) => ({ pattern, data: i }))) : undefined;
  return { automaton, keys, entries };
};

const lettersOf = (text: string) => text.replace(/[^\p{L}]/gu, '');

/** Every whole-word occurrence of every pattern, in text order (overlaps kept: callers choose). */
export const findPatterns = <T>(compiled: CompiledPatterns<T>, t: FoldedText, original: string): PatternHit<T>[] => {
  if (!compiled.automaton || t.folded.length === 0) return [];
  const hits: PatternHit<T>[] = [];
  for (const match of compiled.automaton.search(t.folded)) {
    const from = match.start;
    const to = match.end;
    for (const entry of compiled.entries[match.data!]!) {
      const prefix = wholeWordPrefix(t, from, to, entry.arabic, entry.stem);
      if (prefix === undefined) continue;
      if (entry.contracted && !/^[وف]?ل$/.test(prefix)) continue;
      const span = originalSpan(t, from, to);
      if (entry.capitals !== undefined && lettersOf(original.slice(span.start, span.end)) !== entry.capitals) continue;
      hits.push({ value: entry.value, from, to, ...span, prefix });
    }
  }
  return hits.sort((a, b) => a.from - b.from || b.to - a.to);
};

/**
 * Longest match wins: of overlapping hits keep the longest (then the first), so "مجلس دير
 * الزور العسكري" is the council, not the city inside its name.
 */
export const longestFirst = <T>(hits: readonly PatternHit<T>[]): PatternHit<T>[] => {
  const byLength = [...hits].sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: PatternHit<T>[] = [];
  const taken: [number, number][] = [];
  for (const hit of byLength) {
    if (taken.some(([from, to]) => hit.from < to && from < hit.to)) continue;
    kept.push(hit);
    taken.push([hit.from, hit.to]);
  }
  return kept.sort((a, b) => a.from - b.from);
};
