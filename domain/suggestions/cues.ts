import type { FoldedText } from './foldText.js';
import {
  ACTOR_CUES,
  ADMIN_AREA,
  ATTRIBUTION,
  COUNTRYSIDE,
  type Forms,
  FRACTIONS,
  HEDGES,
  IN_FAVOUR_OF,
  PLACE_CUES,
  RELATIVE_DATES,
  type SuggestedKind,
  TRIGGERS,
  WEEKDAYS,
} from './lexicon.js';
import { compilePatterns, findPatterns, type PatternHit, type PatternSpec } from './patterns.js';

/** What a lexicon word found in the text means to the rules. */
export type Cue =
  | { readonly type: 'trigger'; readonly kind: SuggestedKind; readonly form: string }
  | { readonly type: 'attribution'; readonly role: keyof typeof ATTRIBUTION }
  | { readonly type: 'inFavourOf' | 'countryside' | 'adminArea' | 'placeCue' | 'actorCue' | 'hedge' }
  | { readonly type: 'relativeDate'; readonly index: number }
  | { readonly type: 'weekday'; readonly weekday: number }
  | { readonly type: 'fraction'; readonly share: number };

export type CueHit = PatternHit<Cue>;

const specsOf = (forms: Forms, value: (form: string) => Cue): PatternSpec<Cue>[] =>
  [...forms.ar, ...forms.en].map((text) => ({ text, value: value(text) }));

const lexiconSpecs = (): PatternSpec<Cue>[] => [
  ...Object.entries(TRIGGERS).flatMap(([kind, forms]) =>
    specsOf(forms, (form) => ({ type: 'trigger', kind: kind as SuggestedKind, form })),
  ),
  ...Object.entries(ATTRIBUTION).flatMap(([role, forms]) =>
    specsOf(forms, () => ({ type: 'attribution', role: role as keyof typeof ATTRIBUTION })),
  ),
  ...specsOf(IN_FAVOUR_OF, () => ({ type: 'inFavourOf' })),
  ...specsOf(COUNTRYSIDE, () => ({ type: 'countryside' })),
  ...specsOf(ADMIN_AREA, () => ({ type: 'adminArea' })),
  ...specsOf(PLACE_CUES, () => ({ type: 'placeCue' })),
  ...specsOf(ACTOR_CUES, () => ({ type: 'actorCue' })),
  ...specsOf(HEDGES, () => ({ type: 'hedge' })),
  ...RELATIVE_DATES.flatMap((d, index) => specsOf(d.forms, () => ({ type: 'relativeDate', index }))),
  ...WEEKDAYS.flatMap((d) => specsOf({ ar: d.ar, en: [] }, () => ({ type: 'weekday', weekday: d.weekday }))),
  ...FRACTIONS.flatMap((f) => specsOf(f.forms, () => ({ type: 'fraction', share: f.share }))),
];

/** The lexicon, compiled once (it is data in this module's own package, not the caller's). */
const LEXICON = compilePatterns(lexiconSpecs());

/**
 * Every lexicon word in the text. A word can be two cues at once (`محافظة` is a place-type
 * word and an administrative-area cue); overlapping cues of one type keep the longest
 * (`أول أمس` over `أمس`, `air strikes` over `strikes`).
 */
export const findCues = (t: FoldedText, original: string): CueHit[] => {
  const hits = findPatterns(LEXICON, t, original);
  const kindOf = (c: Cue) => (c.type === 'trigger' ? `trigger:${c.kind}` : c.type);
  const byKind = new Map<string, CueHit[]>();
  for (const hit of hits) {
    const key = kindOf(hit.value);
    const same = byKind.get(key);
    if (same) same.push(hit);
    else byKind.set(key, [hit]);
  }
  const covered = (hit: CueHit) =>
    byKind
      .get(kindOf(hit.value))!
      .some((other) => other.from <= hit.from && other.to >= hit.to && other.to - other.from > hit.to - hit.from);
  // Sorted by start (the hits are), as the rules slice them by sentence.
  return hits.filter((hit) => !covered(hit)).sort((a, b) => a.start - b.start || b.end - a.end);
};
