import type { ValidTime } from '../dates.js';
import type { Credibility } from '../grades.js';
import { CONTROL_KINDS } from '../vocabulary.js';
import { type CueHit, findCues } from './cues.js';
import { type FoldedText, foldText } from './foldText.js';
import { type Candidate, entityKey, findMentions, type Gazetteer, isAncestor, type Mention } from './gazetteer.js';
import type { SuggestedKind } from './lexicon.js';
import { civilDate, type DateHit, type DateReader, publicationDay, relativeDates } from './relativeDates.js';
import { splitSentences } from './sentences.js';
import { findShares, type ShareHit } from './shares.js';
import type { ClaimSuggestion, MentionOut, Span, Suggestions } from './types.js';
import { unknownNames } from './unknownNames.js';

/**
 * Claim suggestions from an article's text (issue 15; DESIGN "/record"): the text matched
 * against the registry (`gazetteer.ts`) and the lexicon (`lexicon.ts`), then, sentence by
 * sentence, one candidate claim per trigger kind, its fields taken from what stands where
 * Arabic and English news put them:
 * - place: the first place after the trigger (within 15 words), with the places listed with
 *   it ("from al-Mayadin and Mahkan": one claim each); for kinds other than control and
 *   withdrawal, else the nearest place before it. A place's more specific neighbour wins
 *   ("Al-Bukamal in Deir ez-Zor governorate" → Al-Bukamal).
 * - actors: control and withdrawal name one actor, the agent — the nearest actor before the
 *   trigger, or right after it (Arabic verb-first order), and the most specific of an actor
 *   and its parent both named ("the Military Council of the SDF"); a withdrawal's
 *   `inFavourOf` is the actor after "in favour of". Other kinds name every actor in the
 *   sentence.
 * - share (control): the first percentage after the trigger.
 * - valid time: the date expression nearest the trigger, else the publication day, approximate.
 * - attribution: a source after "according to", or a source that "reported" (not the one told).
 * - credibility: 3 (possibly true), 4 (doubtful) when the sentence hedges.
 * Then events told twice (a meeting in a headline, its venue later) are merged.
 *
 * Pure: the same text, registry and publication day always give the same answer.
 */
export interface SuggestInput {
  readonly text: string;
  /**
   * `YYYY-MM-DD…`: relative dates count from it. A partial date (`2017-10`) or none (the
   * article's date is unknown, issue 11) resolves no relative date: the claims' `validTime`
   * is then `missing` unless the text gives a date.
   */
  readonly publishedAt?: string | undefined;
  readonly gazetteer: Gazetteer;
  /** The caller's language tag, if it knows better than the script count. */
  readonly language?: string;
  /** Reads dates in English words (chrono-node, from the services). */
  readonly readDates?: DateReader;
}

/** How far (in words) from its trigger a claim's place and (other kinds) actors may stand. */
const WINDOW = 15;
const ACTOR_WINDOW = 12;
const QUOTE_LIMIT = 500;
const PLACE_AREA_KINDS = new Set(['governorate', 'district', 'subdistrict']);
const SETTLEMENT_KINDS = new Set(['city', 'town', 'village', 'neighbourhood', 'site']);

interface Resolved {
  readonly mention: Mention;
  readonly type: 'place' | 'actor' | 'source';
  readonly id: string;
  readonly word: number;
}

interface Candidate0 {
  readonly kind: SuggestedKind;
  readonly trigger: CueHit;
  readonly triggers: CueHit[];
  readonly sentence: { start: number; end: number };
  place?: Resolved;
  readonly placeAfter: boolean;
  readonly actors: Resolved[];
  share?: ShareHit | { share: number; start: number; end: number };
  inFavourOf?: Resolved;
  date?: DateHit;
  attribution?: Resolved;
  hedge?: CueHit;
  readonly unresolved: string[];
  readonly placeOrdinal: number;
  mergedFrom: number;
}

const span = (text: string, s: { start: number; end: number }): Span => ({
  start: s.start,
  end: s.end,
  text: text.slice(s.start, s.end),
});

/** The word index of an original offset: the word of the first folded letter at or after it. */
const wordAt = (t: FoldedText, offset: number): number => {
  let lo = 0;
  let hi = t.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < t.word.length ? t.word[lo]! : (t.word.at(-1) ?? 0) + 1;
};

/** Control and withdrawal: the kinds that change territorial control, with one actor each. */
const isControlKind = (kind: SuggestedKind): boolean => (CONTROL_KINDS as readonly string[]).includes(kind);

const distance = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0;

/** The first index of `items` (sorted by start) whose start is at least `offset`. */
const lowerBound = (items: readonly { start: number }[], offset: number): number => {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The items (sorted by start) that start inside the sentence: two binary searches, so a long text costs no more per sentence. */
const inside = <T extends { start: number }>(items: readonly T[], sentence: { start: number; end: number }): T[] =>
  items.slice(lowerBound(items, sentence.start), lowerBound(items, sentence.end));

const languageOf = (text: string): string => {
  const arabic = (text.match(/[\u0600-\u06ff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return arabic >= latin ? 'ar' : 'en';
};

export const suggestClaims = (input: SuggestInput): Suggestions => {
  const { text, gazetteer } = input;
  const t = foldText(text);
  const mentions = findMentions(gazetteer, t, text);
  const cues = findCues(t, text);
  const shares = findShares(text);
  const published = input.publishedAt === undefined ? undefined : publicationDay(input.publishedAt);
  const language = input.language ?? languageOf(text);
  const registrations = unknownNames(text, mentions, cues);

  const entity = (c: Candidate) => gazetteer.entities.get(entityKey(c.type, c.id));
  const cueAtWord = (word: number, type: CueHit['value']['type']) =>
    cues.find((c) => c.value.type === type && t.word[c.from] === word);

  /** Which entity a mention names, given the cue words around it. */
  const resolve = (mention: Mention, areaCue: boolean): Resolved | undefined => {
    const word = t.word[mention.from]!;
    const first = mention.candidates[0];
    if (!first) return undefined;
    if (first.type !== 'place') return { mention, type: first.type, id: first.id, word };
    const places = mention.candidates.filter((c) => c.type === 'place');
    const area = places.find((c) => PLACE_AREA_KINDS.has(entity(c)?.kind ?? ''));
    const countryside = cueAtWord(word - 1, 'countryside') !== undefined;
    const areaWord = areaCue || cueAtWord(word - 1, 'adminArea') !== undefined || cueAtWord(word + 1, 'adminArea') !== undefined;
    if ((countryside || areaWord) && area) return { mention, type: 'place', id: area.id, word };
    const chosen = places.find((c) => c.via === 'name') ?? first;
    const parent = entity(chosen)?.parentId;
    if (countryside && SETTLEMENT_KINDS.has(entity(chosen)?.kind ?? '') && parent) {
      return { mention, type: 'place', id: parent, word };
    }
    return { mention, type: 'place', id: chosen.id, word };
  };

  const resolved = mentions.flatMap((m) => resolve(m, false) ?? []);
  const mentionsOut: MentionOut[] = resolved.map((r) => ({ type: r.type, id: r.id, span: span(text, r.mention) }));

  const located = resolved.map((r) => ({ ...r, start: r.mention.start }));
  const candidates: Candidate0[] = [];
  let lastSource: Resolved | undefined;

  for (const sentence of splitSentences(text)) {
    const here = inside(located, sentence);
    const hereCues = inside(cues, sentence);
    const places = here.filter((r) => r.type === 'place');
    const actors = here.filter((r) => r.type === 'actor');
    const sources = here.filter((r) => r.type === 'source');
    const hereShares = inside(shares, sentence);
    const sentenceText = text.slice(sentence.start, sentence.end);
    const dates: DateHit[] = [
      ...(published === undefined ? [] : relativeDates(hereCues, published)),
      ...(input.readDates && published !== undefined && /[A-Za-z]/.test(sentenceText)
        ? input.readDates(sentenceText, civilDate(published)).map((d) => ({
            ...d,
            start: d.start + sentence.start,
            end: d.end + sentence.start,
          }))
        : []),
    ];

    // Attribution: "according to S" (or "according to the source": the last one named), or S reported.
    let attribution: Resolved | undefined;
    for (const cue of hereCues) {
      if (cue.value.type !== 'attribution') continue;
      const cueWord = t.word[cue.from]!;
      if (cue.value.role === 'preposition') {
        const next = sources.find((s) => s.word > cueWord && s.word - cueWord <= 3);
        const anaphora = hereCues.find(
          (c) => c.value.type === 'attribution' && c.value.role === 'anaphora' && t.word[c.from]! - cueWord === 1,
        );
        attribution ??= next ?? (anaphora ? lastSource : undefined);
      } else if (cue.value.role === 'reportingVerb') {
        const speaker = sources.find((s) => !addressee(text, s));
        attribution ??= speaker;
      }
    }
    if (sources.length > 0) lastSource = sources.at(-1);
    const hedge = hereCues.find((c) => c.value.type === 'hedge');

    const triggers = hereCues.filter((c) => c.value.type === 'trigger');
    /** Each date belongs to the trigger nearest it ("weeks after the meeting, the withdrawal" dates the withdrawal). */
    const nearestTrigger = (d: DateHit) => triggers.toSorted((a, b) => distance(a, d) - distance(b, d) || a.start - b.start)[0];
    const byKind = new Map<SuggestedKind, CueHit[]>();
    for (const trigger of triggers) {
      if (trigger.value.type !== 'trigger') continue;
      byKind.set(trigger.value.kind, [...(byKind.get(trigger.value.kind) ?? []), trigger]);
    }
    /** Favour phrases of withdrawals: a trigger right after one ("in favour of Russian units deploying") is part of the withdrawal. */
    const favourCues = byKind.has('withdrawal') ? hereCues.filter((c) => c.value.type === 'inFavourOf') : [];

    for (const [kind, kindTriggers] of byKind) {
      const trigger = kindTriggers[0]!;
      const tw = t.word[trigger.from]!;
      const control = isControlKind(kind);
      if (kind !== 'withdrawal' && favourCues.some((f) => tw > t.word[f.from]! && tw - t.word[f.from]! <= 2)) continue;

      // Places: the first after a trigger and those listed with it; else (not control) the nearest before.
      const nearbyNames = registrations.filter((r) => r.span.start >= sentence.start && r.span.start < sentence.end);
      const unresolved: string[] = [];
      let chosen: Resolved[] = [];
      let placeAfter = true;
      for (const tr of kindTriggers) {
        const w = t.word[tr.from]!;
        const after = places.filter((p) => p.start >= tr.end && p.word - w <= WINDOW);
        // An unknown place name before the first known one is the object ("took «al-Baghuz» east of Al-Bukamal").
        const unknown = nearbyNames.find(
          (r) => r.type === 'place' && r.span.start >= tr.end && (after.length === 0 || r.span.start < after[0]!.start),
        );
        if (unknown) {
          unresolved.push(unknown.id);
          break;
        }
        if (after.length === 0) continue;
        chosen = [after[0]!];
        const areaCue = cueAtWord(after[0]!.word - 1, 'adminArea') !== undefined;
        for (const next of after.slice(1)) {
          if (!listed(text, cues, chosen.at(-1)!.mention.end, next.start)) break;
          chosen.push(areaCue ? (resolve(next.mention, true) ?? next) : next);
        }
        break;
      }
      if (chosen.length === 0 && unresolved.length === 0 && !control) {
        const before = places.filter((p) => p.start < trigger.start && tw - p.word <= WINDOW);
        if (before.length > 0) {
          chosen = [before.at(-1)!];
          placeAfter = false;
        }
      }
      chosen = chosen.map((p) => moreSpecific(gazetteer, p, places));

      // Actors.
      let agentActors: Resolved[];
      let inFavourOf: Resolved | undefined;
      if (control) {
        const favourCue = hereCues.find((c) => c.value.type === 'inFavourOf' && c.start > trigger.start);
        const before = actors.filter((a) => a.start < trigger.start);
        const rightAfter = actors.filter((a) => a.word > tw && a.word - tw <= 3 && (!favourCue || a.start < favourCue.start));
        const agent = before.at(-1) ?? rightAfter[0];
        agentActors = agent ? [mostSpecificActor(gazetteer, agent, before.length > 0 ? before : rightAfter)] : [];
        if (kind === 'withdrawal' && favourCue) {
          const fw = t.word[favourCue.from]!;
          inFavourOf = actors.find((a) => a.word > fw && a.word - fw <= 6 && a.id !== agentActors[0]?.id);
        }
      } else {
        const unique = new Map<string, Resolved>();
        const near = (a: Resolved) => kindTriggers.some((tr) => Math.abs(a.word - t.word[tr.from]!) <= ACTOR_WINDOW);
        for (const a of actors) if (near(a) && !unique.has(a.id)) unique.set(a.id, a);
        agentActors = [...unique.values()];
      }

      // Share (control only): the first percentage after the trigger, else a fraction word.
      let share: Candidate0['share'];
      if (kind === 'control') {
        share =
          hereShares.find((s) => s.start >= trigger.end && wordAt(t, s.start) - tw <= 12) ??
          hereShares.find((s) => s.end <= trigger.start && tw - wordAt(t, s.end) <= 4);
        if (!share) {
          const fraction = hereCues.find(
            (c) => c.value.type === 'fraction' && c.start >= trigger.end && t.word[c.from]! - tw <= 6,
          );
          if (fraction?.value.type === 'fraction')
            share = { share: fraction.value.share, start: fraction.start, end: fraction.end };
        }
      }

      const date = dates
        .filter((d) => kindTriggers.includes(nearestTrigger(d)!))
        .toSorted((a, b) => distance(trigger, a) - distance(trigger, b))[0];
      if (chosen.length === 0 && unresolved.length === 0) {
        const name = nearbyNames.find((r) => r.type !== 'actor' && r.span.start > trigger.start);
        if (name) unresolved.push(name.id);
      }
      if (agentActors.length === 0) {
        const name = nearbyNames.find((r) => r.type === 'actor' || r.type === 'name');
        if (name && !unresolved.includes(name.id)) unresolved.push(name.id);
      }
      const hasPlace = chosen.length > 0 || unresolved.length > 0;
      const hasWho = agentActors.length > 0 || share !== undefined || (unresolved.length > 0 && chosen.length > 0);
      if (!hasPlace || !hasWho) continue;

      candidates.push(
        ...(chosen.length > 0 ? chosen : [undefined]).map(
          (place, placeOrdinal): Candidate0 => ({
            kind,
            trigger,
            triggers: kindTriggers,
            sentence,
            ...(place ? { place } : {}),
            placeAfter,
            actors: agentActors,
            ...(share ? { share } : {}),
            ...(inFavourOf ? { inFavourOf } : {}),
            ...(date ? { date } : {}),
            ...(attribution ? { attribution } : {}),
            ...(hedge ? { hedge } : {}),
            unresolved,
            placeOrdinal,
            mergedFrom: 1,
          }),
        ),
      );
    }
  }

  const merged = mergeRetold(gazetteer, candidates);
  const claims = merged.map((c) => toSuggestion(text, language, input.publishedAt, published, c));
  return { language, claims, registrations, mentions: mentionsOut };
};

/** A source after ل / لـ / "to" is the one told ("said to Al-Quds Al-Arabi"), not the speaker. */
const addressee = (text: string, source: Resolved): boolean =>
  /^[وف]?ل/.test(source.mention.prefix) ||
  /(?:^|[\s«»"“(])[وف]?لـ?[\s«»"“ـ]*$|\bto\s+(?:the\s+)?$/i.test(
    text.slice(Math.max(0, source.mention.start - 12), source.mention.start),
  );

/** Whether the text between two places only joins them into a list: "و", "and", commas, place-type words. */
const listed = (text: string, cues: readonly CueHit[], from: number, to: number): boolean => {
  let gap = text.slice(from, to);
  for (const cue of cues) {
    if ((cue.value.type === 'placeCue' || cue.value.type === 'adminArea') && cue.start >= from && cue.end <= to) {
      gap = gap.replace(text.slice(cue.start, cue.end), ' ');
    }
  }
  const words = gap
    .replace(/[\s«»"“”,،()\-–ـ]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  return words.every((w) => /^(?:و|أو|او|and|or|&)$/i.test(w));
};

/** A place named right beside this one (within four words) that lies inside it is the more specific reading. */
const moreSpecific = (gazetteer: Gazetteer, place: Resolved, places: readonly Resolved[]): Resolved =>
  places.find((p) => Math.abs(p.word - place.word) <= 4 && isAncestor(gazetteer, 'place', place.id, p.id)) ?? place;

/** Of an actor and its descendants named in the same stretch, the most specific acts ("the Military Council of the SDF"). */
const mostSpecificActor = (gazetteer: Gazetteer, actor: Resolved, near: readonly Resolved[]): Resolved =>
  near.find((a) => isAncestor(gazetteer, 'actor', actor.id, a.id)) ?? actor;

/**
 * Event coreference: one event told twice (the meeting in the lead, its venue in a later
 * sentence) is one suggestion. Two candidates merge when they have the same kind (not
 * control or withdrawal, where two claims may well differ), places that are the same or
 * one inside the other, actors in common (or none on one side) and no conflicting explicit
 * dates. The merged one keeps the more specific place, every actor, and the explicit
 * date and attribution of either.
 */
const mergeRetold = (gazetteer: Gazetteer, candidates: readonly Candidate0[]): Candidate0[] => {
  const out: Candidate0[] = [];
  for (const c of candidates) {
    const twin = out.find((o) => {
      if (o.kind !== c.kind || isControlKind(c.kind) || !o.place || !c.place) return false;
      const samePlace =
        o.place.id === c.place.id ||
        isAncestor(gazetteer, 'place', o.place.id, c.place.id) ||
        isAncestor(gazetteer, 'place', c.place.id, o.place.id);
      const shared = o.actors.length === 0 || c.actors.length === 0 || o.actors.some((a) => c.actors.some((b) => b.id === a.id));
      const datesAgree = !o.date || !c.date || o.date.validTime.date === c.date.validTime.date;
      return samePlace && (shared || anaphoric(c)) && datesAgree && o.sentence !== c.sentence;
    });
    if (!twin) {
      out.push({ ...c, actors: [...c.actors], triggers: [...c.triggers] });
      continue;
    }
    // A retelling ("the meeting") adds its evidence, not its actors; a corroborating one (an actor in common) adds both.
    const corroborates = c.actors.some((a) => twin.actors.some((b) => b.id === a.id));
    const specific = corroborates && isAncestor(gazetteer, 'place', twin.place!.id, c.place!.id) ? c : twin;
    const actors = [...twin.actors];
    if (corroborates) for (const a of c.actors) if (!actors.some((b) => b.id === a.id)) actors.push(a);
    const merged: Candidate0 = {
      ...specific,
      actors,
      triggers: [...twin.triggers, ...c.triggers],
      ...((twin.date ?? c.date) ? { date: (twin.date ?? c.date)! } : {}),
      ...((specific.attribution ?? twin.attribution ?? c.attribution)
        ? { attribution: (specific.attribution ?? twin.attribution ?? c.attribution)! }
        : {}),
      trigger: twin.trigger,
      placeOrdinal: twin.placeOrdinal,
      mergedFrom: twin.mergedFrom + c.mergedFrom,
    };
    out[out.indexOf(twin)] = merged;
  }
  return out;
};

/** A definite trigger noun (`الاجتماع`, `فالإجتماع`: "the meeting") refers back to an event already told. */
const anaphoric = (c: Candidate0): boolean => c.trigger.prefix.endsWith('ال') || c.trigger.prefix.endsWith('لل');

/**
 * Confidence, from the evidence found (a transparent sum, not a probability): 0.3 for a
 * trigger, +0.2 a place after it (+0.1 before it), +0.2 actors, +0.1 an explicit date,
 * +0.1 an attribution, +0.1 a share on a control claim, +0.05 told more than once; at most 0.95.
 */
const confidenceOf = (c: Candidate0): number => {
  let score = 0.3;
  if (c.place) score += c.placeAfter ? 0.2 : 0.1;
  if (c.actors.length > 0) score += 0.2;
  if (c.date) score += 0.1;
  if (c.attribution) score += 0.1;
  if (c.kind === 'control' && c.share) score += 0.1;
  if (c.mergedFrom > 1) score += 0.05;
  return Math.round(Math.min(score, 0.95) * 100) / 100;
};

/** The quote: the sentence, or (past the quote limit) the stretch around the trigger, cut at spaces. */
const quoteOf = (text: string, c: Candidate0): { start: number; end: number } => {
  const { start, end } = c.sentence;
  if (end - start <= QUOTE_LIMIT) return { start, end };
  const spans: { start: number; end: number }[] = [c.trigger, ...c.actors.map((a) => a.mention)];
  if (c.place) spans.push(c.place.mention);
  if (c.share) spans.push(c.share);
  let from = Math.max(start, Math.min(...spans.map((s) => s.start)) - 40);
  let to = Math.min(end, from + QUOTE_LIMIT);
  if (to - from > QUOTE_LIMIT) to = from + QUOTE_LIMIT;
  while (from > start && !/\s/.test(text[from - 1]!)) from++;
  while (to < end && to > from && !/\s/.test(text[to]!)) to--;
  return { start: from, end: to };
};

const toSuggestion = (
  text: string,
  language: string,
  publishedAt: string | undefined,
  published: number | undefined,
  c: Candidate0,
): ClaimSuggestion => {
  const quote = quoteOf(text, c);
  const quoteText = text.slice(quote.start, quote.end).trim();
  // Without a date in the text, the publication date (however partial) is the best first guess.
  const validTime: ValidTime | undefined =
    c.date?.validTime ?? (publishedAt === undefined ? undefined : { date: publishedAt.slice(0, 10), approximate: true });
  const missing = [
    ...(c.place ? [] : ['placeId']),
    ...(c.actors.length === 0 ? ['actorIds'] : []),
    ...(c.kind === 'control' && !c.share ? ['share'] : []),
    ...(published === undefined && !c.date ? ['validTime'] : []),
  ];
  const form = c.trigger.value.type === 'trigger' ? c.trigger.value.form : '';
  const credibility: Credibility = c.hedge ? 4 : 3;
  return {
    id: `${c.kind}-${c.trigger.start}-${c.placeOrdinal}`,
    rule: `${c.kind}:${form}`,
    confidence: confidenceOf(c),
    kind: c.kind,
    ...(c.place ? { placeId: c.place.id } : {}),
    actorIds: c.actors.map((a) => a.id),
    ...(c.share ? { share: c.share.share } : {}),
    ...(c.inFavourOf ? { inFavourOf: c.inFavourOf.id } : {}),
    ...(validTime ? { validTime } : {}),
    ...(c.attribution ? { attributedTo: c.attribution.id } : {}),
    credibility,
    quote: { text: quoteText, language },
    evidence: {
      kind: c.triggers.map((tr) => span(text, tr)),
      placeId: c.place ? [span(text, c.place.mention)] : [],
      actorIds: c.actors.map((a) => span(text, a.mention)),
      ...(c.share ? { share: span(text, c.share) } : {}),
      ...(c.inFavourOf ? { inFavourOf: span(text, c.inFavourOf.mention) } : {}),
      ...(c.date ? { validTime: span(text, c.date) } : {}),
      ...(c.attribution ? { attributedTo: span(text, c.attribution.mention) } : {}),
      ...(c.hedge ? { credibility: span(text, c.hedge) } : {}),
      quote: span(text, quote),
    },
    missing,
    unresolved: c.unresolved,
  };
};
