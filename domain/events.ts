import { z } from 'zod';
import { ActorRoles } from './claims/actorRoles.js';
import { Fatalities } from './claims/fatalities.js';
import { ClaimPrecision } from './claims/precision.js';
import { ClaimProvenance, DatasetProvenance } from './claims/provenance.js';
import { Typology } from './claims/typology.js';
import { ValidTime } from './dates.js';
import { Credibility, Reliability } from './grades.js';
import { EntityId } from './ids.js';
import { Names } from './names.js';
import { ActorKind, ClaimKind, LanguageTag, PlaceKind, Point, Quote, Share, SourceKind } from './vocabulary.js';

/**
 * The event catalogue. An event `type` string is a storage format: it is never renamed.
 * A new shape is a new `schemaVersion` with an upcaster to the latest, and every version
 * ever written stays decodable (golden JSON of each lives in `test/fixtures/events/`).
 */

const Url = z.url({ protocol: /^https?$/ }).max(2000);

export const SourceRegistered = z.object({
  sourceId: EntityId,
  name: Names,
  kind: SourceKind,
  url: Url.optional(),
  reliability: Reliability,
  note: z.string().max(2000).optional(),
});
export const SourceReliabilityRevised = z.object({
  sourceId: EntityId,
  reliability: Reliability,
  reason: z.string().min(1).max(2000),
});
/** The source's names replaced: a rename, or spellings added (`name` holds them all, as it reads now). */
export const SourceRenamed = z.object({
  sourceId: EntityId,
  name: Names,
  reason: z.string().max(2000).optional(),
});
export const PlaceRegistered = z.object({
  placeId: EntityId,
  names: Names,
  kind: PlaceKind,
  parentId: EntityId.optional(),
  location: Point.optional(),
  pcode: z.string().max(40).optional(),
  geonamesId: z.number().int().positive().optional(),
});
/** The place's names replaced: a rename, or spellings added (`names` holds them all, as they read now). */
export const PlaceRenamed = z.object({
  placeId: EntityId,
  names: Names,
  reason: z.string().max(2000).optional(),
});
export const ActorRegistered = z.object({
  actorId: EntityId,
  names: Names,
  kind: ActorKind,
  parentId: EntityId.optional(),
  alignedWith: EntityId.optional(),
});
/** The actor's names replaced: a rename, or aliases added (`names` holds them all, as they read now). */
export const ActorRenamed = z.object({
  actorId: EntityId,
  names: Names,
  reason: z.string().max(2000).optional(),
});
/**
 * Version 2 (issue 11) adds `additionalSourceIds` and `citation`, and makes `title` and
 * `publishedAt` optional (`publishedAt` may be a partial date): articles as datasets cite
 * them. Every version-1 article is a valid version-2 one.
 */
export const ArticleRecorded = z.object({
  articleId: EntityId,
  /** The primary source. */
  sourceId: EntityId,
  /** Further sources the article (or citation) names; each corroborates its claims. */
  additionalSourceIds: z.array(EntityId).max(20).optional(),
  url: Url.optional(),
  title: z.string().min(1).max(1000).optional(),
  language: LanguageTag,
  /** A partial date (`2017`, `2017-10`), an ISO 8601 date or instant; absent when unknown. */
  publishedAt: z.string().optional(),
  /** The citation verbatim, e.g. "Reuters 2017-10-12; SOHR". */
  citation: z.string().min(1).max(4000).optional(),
});

/** The parts of a claim that a correction may replace. */
export const ClaimBody = z.object({
  placeId: EntityId,
  actorIds: z.array(EntityId),
  share: Share.optional(),
  inFavourOf: EntityId.optional(),
  validTime: ValidTime,
  credibility: Credibility,
  quote: Quote.optional(),
  summary: z.string().max(2000).optional(),
  attributedTo: EntityId.optional(),
  // Version 2 (issue 11): what conflict datasets carry. All optional, so every v1 body is a v2 body.
  fatalities: Fatalities.optional(),
  actorRoles: ActorRoles.optional(),
  precision: ClaimPrecision.optional(),
  typology: Typology.optional(),
});
export type ClaimBody = z.infer<typeof ClaimBody>;

/**
 * `provenance` is optional and came later within version 1: events without it stay as they
 * were. Version 2 (issue 11): the body's dataset fields, `validTime.end`, and a dataset row as
 * provenance.
 */
export const ClaimRecorded = ClaimBody.extend({
  claimId: EntityId,
  articleId: EntityId,
  kind: ClaimKind,
  provenance: ClaimProvenance.optional(),
});
export const ClaimCorrected = z.object({
  claimId: EntityId,
  /** The full corrected body: the claim as it now reads (not a patch), so readers need no merge. */
  corrected: ClaimBody,
  reason: z.string().min(1).max(2000),
  articleId: EntityId.optional(),
  /** Version 2: the dataset release that brought the correction. */
  provenance: DatasetProvenance.optional(),
});
export const ClaimCorroborated = z.object({
  claimId: EntityId,
  articleId: EntityId,
  credibility: Credibility.optional(),
  note: z.string().max(2000).optional(),
});
export const ClaimDisputed = z.object({
  claimId: EntityId,
  articleId: EntityId.optional(),
  reason: z.string().min(1).max(2000),
});
export const ClaimRetracted = z.object({
  claimId: EntityId,
  reason: z.string().min(1).max(2000),
  /** Version 2: the dataset release that withdrew the row (its deletions list). */
  provenance: DatasetProvenance.optional(),
});

/** Latest schema of each event type, with its version. */
export const EVENT_SCHEMAS = {
  SourceRegistered: { schemaVersion: 1, schema: SourceRegistered },
  SourceReliabilityRevised: { schemaVersion: 1, schema: SourceReliabilityRevised },
  SourceRenamed: { schemaVersion: 1, schema: SourceRenamed },
  PlaceRegistered: { schemaVersion: 1, schema: PlaceRegistered },
  PlaceRenamed: { schemaVersion: 1, schema: PlaceRenamed },
  ActorRegistered: { schemaVersion: 1, schema: ActorRegistered },
  ActorRenamed: { schemaVersion: 1, schema: ActorRenamed },
  ArticleRecorded: { schemaVersion: 2, schema: ArticleRecorded },
  ClaimRecorded: { schemaVersion: 2, schema: ClaimRecorded },
  ClaimCorrected: { schemaVersion: 2, schema: ClaimCorrected },
  ClaimCorroborated: { schemaVersion: 1, schema: ClaimCorroborated },
  ClaimDisputed: { schemaVersion: 1, schema: ClaimDisputed },
  ClaimRetracted: { schemaVersion: 2, schema: ClaimRetracted },
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

type DataOf<T extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[T]['schema']>;

/** A domain event: a readonly `{ type, data }` record, discriminated by `type`. */
export type DomainEvent = { [T in EventType]: { readonly type: T; readonly data: Readonly<DataOf<T>> } }[EventType];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_SCHEMAS, type);

/**
 * Version 1 → 2 of the claim and article events (issue 11) changes no data: version 2 only
 * adds optional fields and relaxes `ArticleRecorded` (`title`, `publishedAt` optional), so
 * every v1 payload is a valid v2 payload as it stands. The version bump tells strict
 * subscribers which fields may now appear. The rule for every later shape: an upcaster
 * turns version n data into version n + 1 data, pure and total, and old events stay stored
 * as they were written.
 */
const identity = (data: unknown): unknown => data;

/** Upcasters from an old schemaVersion to the next, per type: `{ 1: (v1) => v2 }`. */
const UPCASTERS: Partial<Record<EventType, Record<number, (data: unknown) => unknown>>> = {
  ArticleRecorded: { 1: identity },
  ClaimRecorded: { 1: identity },
  ClaimCorrected: { 1: identity },
  ClaimRetracted: { 1: identity },
};

export type DecodeResult =
  | { ok: true; event: DomainEvent }
  | { ok: false; reason: 'unknown_type' | 'unknown_version' | 'invalid_data'; message: string };

/** Decode a stored event into the latest domain shape, upcasting old versions. */
export const decodeEvent = (type: string, schemaVersion: number, data: unknown): DecodeResult => {
  if (!isEventType(type)) return { ok: false, reason: 'unknown_type', message: `unknown event type ${type}` };
  const { schemaVersion: latest, schema } = EVENT_SCHEMAS[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > latest) {
    return { ok: false, reason: 'unknown_version', message: `${type} has no schemaVersion ${schemaVersion}` };
  }
  let current = data;
  for (let v = schemaVersion; v < latest; v++) {
    const up = UPCASTERS[type]?.[v];
    if (!up) return { ok: false, reason: 'unknown_version', message: `no upcaster for ${type} v${v}` };
    current = up(current);
  }
  const parsed = schema.safeParse(current);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join('/') || 'data'}: ${issue.message}`).join('; ');
    return { ok: false, reason: 'invalid_data', message };
  }
  return { ok: true, event: { type, data: parsed.data } as DomainEvent };
};

/**
 * Decode an event this ledger stored itself. Every event enters the store as data the schema
 * above produced — a command (decide builds it from a validated body) or an import (which
 * stores the schema's output, `services/feeds/importedEvent.ts`) — so an event already at the
 * latest schemaVersion — or at an older one whose upcasters change nothing (`readsAsLatest`) —
 * is taken as it is: a rebuild of a million events does not pay for validating them again.
 * Other older versions still go through their upcasters and the schema.
 * Callers that fold the result must survive a malformed event (see the read-model follower).
 */
export const decodeStoredEvent = (type: string, schemaVersion: number, data: unknown): DecodeResult => {
  if (isEventType(type) && typeof data === 'object' && data !== null && readsAsLatest(type, schemaVersion)) {
    return { ok: true, event: { type, data } as DomainEvent };
  }
  return decodeEvent(type, schemaVersion, data);
};

/**
 * Whether stored data of `schemaVersion` is, as it stands, data of the latest version: it is
 * the latest, or every upcaster from it on is the identity (version 2 of the claim and article
 * events only added optional fields, so a ledger's version-1 events are taken as they are —
 * a rebuild of an old ledger does not validate each of them again).
 */
const readsAsLatest = (type: EventType, schemaVersion: number): boolean =>
  Number.isInteger(schemaVersion) &&
  schemaVersion >= READS_AS_LATEST_FROM[type] &&
  schemaVersion <= EVENT_SCHEMAS[type].schemaVersion;

/**
 * Per type, the oldest schemaVersion from which every upcaster up to the latest is the
 * identity: worked out once here rather than walked for each of a rebuild's events.
 */
const READS_AS_LATEST_FROM = Object.fromEntries(
  EVENT_TYPES.map((type) => {
    let from = EVENT_SCHEMAS[type].schemaVersion;
    while (from > 1 && UPCASTERS[type]?.[from - 1] === identity) from--;
    return [type, from];
  }),
) as Record<EventType, number>;
