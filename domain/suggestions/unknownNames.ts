import type { CueHit } from './cues.js';
import type { Mention } from './gazetteer.js';
import type { RegistrationSuggestion } from './types.js';

/**
 * Names the registry does not know, so they come back as "register this place/actor?"
 * instead of being dropped (issue 15 §2). Two signs of a name, in the way Arabic and English
 * news write them:
 * - quoted: `«الحاج سليمان»`, "Hajin" (up to six words), unless a registry name covers it;
 * - after a place-type word without the article: `بلدة X`, `قرية X`, "town of X" (English: the
 *   capitalised words that follow). `المدينة` ("the city") refers back and names nothing.
 * The cue word before a quote, if any, says whether it is a place or an actor.
 */
const QUOTED = /«([^»\n]{2,80})»|“([^”\n]{2,80})”|"([^"\n]{2,80})"/g;
const ARABIC_WORD = /^[\s«"“]*([\u0600-\u06ff\u0750-\u077f]+)/;
const CAPITALISED = /^\s+((?:[A-Z][\p{L}'’-]*)(?:\s+(?:al-|el-|ad-|as-|ar-)?[A-Z][\p{L}'’-]*){0,3})/u;

/** `المدينة` ("the city") refers back to a place already named; it introduces no name. */
const definite = (cue: CueHit) => cue.prefix.endsWith('ال') || cue.prefix.endsWith('لل');

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export const unknownNames = (text: string, mentions: readonly Mention[], cues: readonly CueHit[]): RegistrationSuggestion[] => {
  const found: RegistrationSuggestion[] = [];
  const known = (span: { start: number; end: number }) => mentions.some((m) => overlaps(m, span));
  const add = (start: number, end: number, type: RegistrationSuggestion['type'], cue?: CueHit) => {
    const span = { start, end };
    if (known(span) || found.some((f) => overlaps(f.span, span))) return;
    if (cues.some((c) => c.value.type === 'trigger' && c.start <= start && c.end >= end)) return;
    const name = text.slice(start, end);
    found.push({
      id: `name-${start}`,
      type,
      name,
      span: { start, end, text: name },
      ...(cue ? { cue: { start: cue.start, end: cue.end, text: text.slice(cue.start, cue.end) } } : {}),
    });
  };
  /** The cue word ending right before `start` (only spaces, quotes and tatweel between). */
  const cueBefore = (start: number) =>
    cues.find(
      (c) =>
        (c.value.type === 'placeCue' || c.value.type === 'actorCue') &&
        !definite(c) &&
        c.end <= start &&
        /^[\s«"“ـ]*$/.test(text.slice(c.end, start)),
    );
  for (const cue of cues) {
    if (cue.value.type !== 'placeCue' || definite(cue)) continue;
    const after = text.slice(cue.end, cue.end + 80);
    const arabic = ARABIC_WORD.exec(after);
    const latin = CAPITALISED.exec(after);
    const word = arabic ?? latin;
    if (!word?.[1]) continue;
    const start = cue.end + word[0].length - word[1].length;
    add(start, start + word[1].length, 'place', cue);
  }
  for (const match of text.matchAll(QUOTED)) {
    const inner = match[1] ?? match[2] ?? match[3] ?? '';
    if (inner.trim().split(/\s+/).length > 6 || !/\p{L}/u.test(inner)) continue;
    const start = match.index + 1;
    const cue = cueBefore(match.index);
    const type = cue?.value.type === 'placeCue' ? 'place' : cue?.value.type === 'actorCue' ? 'actor' : 'name';
    add(start, start + inner.length, type, cue);
  }
  return found.sort((a, b) => a.span.start - b.span.start);
};
