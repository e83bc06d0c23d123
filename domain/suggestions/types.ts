import type { ValidTime } from '../dates.js';
import type { Credibility } from '../grades.js';
import type { ClaimKind } from '../vocabulary.js';

/**
 * A stretch of the submitted text: `[start, end)` in UTF-16 code units (JavaScript string
 * indices, as `String.prototype.slice` takes them), and the text it covers.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The spans that support each field of a suggested claim. */
export interface Evidence {
  readonly kind: Span[];
  readonly placeId: Span[];
  readonly actorIds: Span[];
  readonly share?: Span;
  readonly inFavourOf?: Span;
  readonly validTime?: Span;
  readonly attributedTo?: Span;
  readonly credibility?: Span;
  readonly quote: Span;
}

/**
 * A claim the text may make, for an analyst to edit and accept (nothing is recorded until
 * then). `missing` names the fields a claim needs that the text did not give (the analyst
 * fills them); `unresolved` the ids of "register this name?" suggestions that may supply them.
 */
export interface ClaimSuggestion {
  /** Stable for the same text: the kind, where its trigger word starts, and which of its places. */
  readonly id: string;
  /** The rule that fired: `{kind}:{trigger form}`, e.g. `control:سيطر*`. */
  readonly rule: string;
  /** 0–1, from the evidence found (see `confidenceOf`). */
  readonly confidence: number;
  readonly kind: ClaimKind;
  readonly placeId?: string;
  readonly actorIds: string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  /** Absent when neither the text nor the article gives a date (then `missing` names it). */
  readonly validTime?: ValidTime;
  readonly attributedTo?: string;
  readonly credibility: Credibility;
  readonly quote: { readonly text: string; readonly language: string };
  readonly evidence: Evidence;
  readonly missing: string[];
  readonly unresolved: string[];
}

/** A name the registry does not know, found where a place or an actor is named: "register this place/actor?". */
export interface RegistrationSuggestion {
  readonly id: string;
  /** `place` or `actor` when a cue word says so (`بلدة`, "town of", `قوات`…), else `name`. */
  readonly type: 'place' | 'actor' | 'name';
  readonly name: string;
  readonly span: Span;
  readonly cue?: Span;
}

/** A registry name found in the text (for highlighting), resolved to one entity. */
export interface MentionOut {
  readonly type: 'place' | 'actor' | 'source';
  readonly id: string;
  readonly span: Span;
}

export interface Suggestions {
  /** `ar` or `en`: the script most of the text's letters are in (or the caller's). */
  readonly language: string;
  readonly claims: ClaimSuggestion[];
  readonly registrations: RegistrationSuggestion[];
  readonly mentions: MentionOut[];
}
