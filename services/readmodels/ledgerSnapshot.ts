import type { ClaimKnowledge } from '../../projections/claims.js';
import type { IdempotencyRecord } from '../../projections/idempotency.js';
import { type LedgerState, ledgerProjection } from '../../projections/ledger.js';
import type { ActorView, ArticleView, PlaceView, SourceView } from '../../projections/registry.js';
import { ClaimsPacker, ClaimsUnpacker, type PackedClaims, PackingScratch } from './claimsPacking.js';
import { PAUSE } from './snapshots.js';

/**
 * How the ledger's read models (`projections/ledger.ts`) are cut into snapshot frames at a
 * position while the follower goes on applying events, and restored from them.
 *
 * - The claims — nearly all of the state — are cut lazily, a chunk per frame: the claims state
 *   only ever appends what it learns, each piece with the position it was learned at, so a
 *   chunk cut later still holds exactly what was known at the snapshot's position
 *   (`ClaimsPacker.add`).
 * - Everything else is overwritten in place by later events (names, reliabilities, the
 *   per-place change positions, idempotency records), so it is copied when the cut is taken —
 *   references to immutable values, a slice of each growing array: small next to the claims.
 * - Derived indexes are not stored: the place, actor and external-id indexes, and each
 *   article's claim ids (its claims in log order), are rebuilt on restore.
 */
type Frame =
  | { readonly part: 'sources'; readonly entries: SourceView[] }
  | { readonly part: 'places'; readonly entries: PlaceView[] }
  | { readonly part: 'actors'; readonly entries: ActorView[] }
  | { readonly part: 'articles'; readonly entries: ArticleView[] }
  | { readonly part: 'idempotency'; readonly entries: [string, IdempotencyRecord][] }
  | { readonly part: 'changes'; readonly placeChangedAt: [string, bigint][]; readonly reliabilityChangedAt: bigint }
  | ({ readonly part: 'claims' } & PackedClaims);

/** Claims per frame: each frame has its own string tables, so fewer, larger frames restore faster. */
export const CLAIMS_PER_FRAME = 4_096;
/** Claims packed between two {@link PAUSE}s: about 0.2 ms of the event loop at a time. */
export const CLAIMS_PER_SLICE = 256;
/** Registry entries or idempotency records per frame. */
const ENTRIES_PER_FRAME = 10_000;

function* inFrames<T>(entries: readonly T[], frame: (entries: T[]) => Frame): Generator<Frame> {
  for (let i = 0; i < entries.length; i += ENTRIES_PER_FRAME) yield frame(entries.slice(i, i + ENTRIES_PER_FRAME));
}

/** How a cut is framed; tests cut finer. */
export interface CutSizes {
  /** Claims packed per frame. @defaultValue {@link CLAIMS_PER_FRAME} */
  readonly claimsPerFrame: number;
  /** Claims packed between two pauses inside a frame. @defaultValue {@link CLAIMS_PER_SLICE} */
  readonly claimsPerSlice: number;
  /** Articles copied per frame (a pause between frames). @defaultValue {@link ARTICLES_PER_FRAME} */
  readonly articlesPerFrame: number;
}

/**
 * Articles per frame: a dataset import records one article per event (`acled-<event_id_cnty>`,
 * `ucdp-ged-<id>`), so an ACLED-sized ledger holds millions; 2,000 copied and serialised take
 * about a millisecond.
 */
export const ARTICLES_PER_FRAME = 2_000;

/**
 * Take the cut of `state` at `position` (the follower's position now): the parts later events
 * overwrite in place (sources, places, actors, idempotency records, each place's last change)
 * are copied here, synchronously; articles and claims, which later events only append to, are
 * copied and packed as the frames are pulled, which may be after the follower applied later
 * events — anything recorded after `position` is left out.
 *
 * @throws RangeError when a size is not a whole number ≥ 1.
 * @returns The frames, to be pulled one at a time and each written before the next is pulled
 *   (`writeSnapshot` does: a claims frame's numbers are reused for the next), with a {@link PAUSE}
 *   every `claimsPerSlice` claims inside a frame.
 */
export const cutLedger = (
  state: LedgerState,
  position: bigint,
  sizes: Partial<CutSizes> = {},
): Iterable<Frame | typeof PAUSE> => {
  const { claimsPerFrame = CLAIMS_PER_FRAME, claimsPerSlice = CLAIMS_PER_SLICE, articlesPerFrame = ARTICLES_PER_FRAME } = sizes;
  for (const [name, size] of Object.entries({ claimsPerFrame, claimsPerSlice, articlesPerFrame })) {
    // A slice of none would never end the cut.
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`${name} must be a whole number ≥ 1, not ${size}`);
  }
  const { registry, claims, idempotency } = state;
  const sources = [...registry.sources.values()].map((s) => ({ ...s, reliabilityHistory: s.reliabilityHistory.slice() }));
  const places = [...registry.places.values()].map((p) => ({ ...p, childIds: p.childIds.slice() }));
  const actors = [...registry.actors.values()].map((a) => ({ ...a }));
  const records = [...idempotency].map(([id, r]): [string, IdempotencyRecord] => [id, { ...r, writes: r.writes.slice() }]);
  const changes: Frame = {
    part: 'changes',
    placeChangedAt: [...claims.placeChangedAt],
    reliabilityChangedAt: claims.reliabilityChangedAt,
  };
  const articlesAtCut = registry.articles.values();
  const claimsAtCut = claims.claims.values();
  return (function* frames(): Generator<Frame | typeof PAUSE> {
    yield* inFrames(sources, (entries) => ({ part: 'sources', entries }));
    yield* inFrames(places, (entries) => ({ part: 'places', entries }));
    yield* inFrames(actors, (entries) => ({ part: 'actors', entries }));
    // An article is never replaced or changed after it is recorded, but for its claim list
    // (rebuilt on restore); they enter the map in log order, so the first one recorded after
    // the cut ends it.
    let articles: ArticleView[] = [];
    for (const article of articlesAtCut) {
      if (article.position > position) break;
      articles.push({ ...article, claimIds: [] });
      if (articles.length === articlesPerFrame) {
        yield { part: 'articles', entries: articles };
        articles = [];
      }
    }
    if (articles.length > 0) yield { part: 'articles', entries: articles };
    yield* inFrames(records, (entries) => ({ part: 'idempotency', entries }));
    yield changes;
    // Claims are added to the map in log order, so the first one recorded after the cut ends it.
    // Packing may pause inside a frame as between frames: later events only add claims after
    // the cut, or add versions, corroborations and disputes that `add` leaves out by position.
    const scratch = new PackingScratch();
    let packer = new ClaimsPacker(scratch);
    for (;;) {
      const more = packSlice(packer, claimsAtCut, position, Math.min(claimsPerSlice, claimsPerFrame - packer.claims));
      if (packer.claims === claimsPerFrame || (!more && packer.claims > 0)) {
        yield { part: 'claims', ...packer.packed() };
        packer = new ClaimsPacker(scratch);
      } else if (more) yield PAUSE;
      if (!more) break;
    }
  })();
};

/**
 * Pack up to `count` claims from `claims` (the claims map's iterator, in log order) into
 * `packer`, stopping at the first claim recorded after `position`.
 *
 * A plain function rather than the generator's own loop: here the iterator's result objects
 * are optimised away, where the generator allocated one per claim (51 MB a save at 2M events).
 *
 * @returns false once the cut's claims are all packed (the iterator ended, or reached a claim
 *   recorded after `position`, which stays unpacked).
 */
const packSlice = (packer: ClaimsPacker, claims: Iterator<ClaimKnowledge>, position: bigint, count: number): boolean => {
  for (let i = 0; i < count; i++) {
    const next = claims.next();
    if (next.done || next.value.recorded.position > position) return false;
    packer.add(next.value, position);
  }
  return true;
};

/**
 * The ledger state the frames of a `cutLedger` describe, with its derived indexes rebuilt.
 *
 * @throws Error on a frame that is not one `cutLedger` makes (a damaged or foreign snapshot).
 */
export const restoreLedger = async (frames: AsyncIterable<unknown>): Promise<LedgerState> => {
  const state = ledgerProjection.initialState();
  const { registry, claims, idempotency } = state;
  const unpacker = new ClaimsUnpacker(claims, registry.articles);
  for await (const value of frames) {
    const frame = value as Frame;
    switch (frame.part) {
      case 'sources':
        for (const s of frame.entries) registry.sources.set(s.id, s);
        break;
      case 'places':
        for (const p of frame.entries) registry.places.set(p.id, p);
        break;
      case 'actors':
        for (const a of frame.entries) registry.actors.set(a.id, a);
        break;
      case 'articles':
        for (const a of frame.entries) registry.articles.set(a.id, a);
        break;
      case 'idempotency':
        for (const [id, record] of frame.entries) idempotency.set(id, record);
        break;
      case 'changes':
        for (const [placeId, at] of frame.placeChangedAt) claims.placeChangedAt.set(placeId, at);
        claims.reliabilityChangedAt = frame.reliabilityChangedAt;
        break;
      case 'claims':
        unpacker.unpack(frame);
        break;
      default:
        throw new Error(`damaged snapshot: a frame of unknown part ${JSON.stringify((frame as { part?: unknown }).part)}`);
    }
  }
  return state;
};
