import {
  type ClaimKnowledge,
  type ClaimsState,
  type ClaimVersion,
  externalKey,
  indexClaimVersion,
  type Known,
  NONE_KNOWN,
  sharedActorIds,
  sharedString,
  withKnown,
} from '../../projections/claims.js';

/**
 * Claims as the snapshot stores them: a chunk of claims packed into one flat array of numbers
 * with a table of the strings they use, so a snapshot carries no property names and each
 * repeated id or date once per chunk. V8 serialises and reads these back many times faster
 * than the same claims as objects (1.3M claims: 840 MiB and 12 s to read as objects), and
 * restoring builds every object with one hidden class, as the fold does.
 *
 * Only what is not derived is stored: the place, actor and external-id indexes are rebuilt
 * from the claims on restore (`restoreClaimIndexes`), exactly as the fold builds them.
 */
export interface PackedClaims {
  /** The strings that recur (ids of places, actors, articles; dates; kinds): numbered once per chunk. */
  readonly strings: string[];
  /** The strings of one claim (claim ids, summaries), in the order read. */
  readonly uniques: string[];
  /**
   * The knowledge times (`recordedAt`) the claims use, each once per chunk: events appended
   * together share one (2M bench events carry 71,000), but across a ledger they do not recur
   * the way ids do, so they are not interned for good like `strings`.
   */
  readonly times: string[];
  /**
   * The claims, one after another (layout: `ClaimsPacker.add`), as doubles: a typed array is
   * serialised as its bytes, read back without parsing each number. Positions are exact below
   * 2^53 (a save past that fails).
   */
  readonly numbers: Float64Array;
  /** Structured fields kept as they are (quote, fatalities, roles, precision, typology, provenance, sources). */
  readonly objects: unknown[];
}

/** `-1` stands for undefined wherever an index or an optional number is expected. */
const NONE = -1;
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The numbers of a chunk being packed, in a typed array reused from chunk to chunk. A plain
 * array grown by `push` reallocated its store each time it outgrew it: some 4 MB of garbage a
 * chunk, 1.3 GB a save at 2M events, and a scavenge every 16 MB — each one a pause of the
 * service (issue 14's `snapshot-pause`). A typed array's store lives outside V8's heap.
 */
export class DoubleBuffer {
  #values = new Float64Array(64 * 1024);
  #length = 0;

  /**
   * Append `value` (a double; positions below 2^53 are exact). One value a call: a rest
   * parameter would allocate an array each time.
   */
  put(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  /**
   * The numbers appended since the last `take`, and the buffer emptied. The array is a view of
   * the buffer's store, not a copy: it holds these numbers only until the next `put`. A copy
   * per chunk (1.3 MB outside the heap, like the serialised chunk beside it) made V8 scavenge
   * to free them: 32 scavenges a save at 2M events instead of 15.
   */
  take(): Float64Array {
    const taken = this.#values.subarray(0, this.#length);
    this.#length = 0;
    return taken;
  }
}

/**
 * A list of one chunk's values (its strings, unique strings, times, objects) in an array reused
 * from chunk to chunk. A fresh array per chunk grew by doubling to some 8,000 entries, leaving
 * each smaller store behind: 120 MB of garbage a save at 2M events, so a scavenge every few
 * chunks, and each scavenge of a 1.5 GB heap pauses the service about 4 ms whatever survives
 * (issue 14's `snapshot-pause`). `take` copies the values out at their exact size instead.
 */
export class ReusedList<T> {
  readonly #values: T[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Append `value`; its index is the length before. */
  put(value: T): void {
    if (this.#length === this.#values.length) this.#values.push(value);
    else this.#values[this.#length] = value;
    this.#length++;
  }

  /**
   * The values appended since the last `take`, copied to an array of their exact size; the
   * list is emptied. The store keeps its size, and references to the values until they are
   * overwritten (values the state holds anyway).
   */
  take(): T[] {
    const taken = this.#values.slice(0, this.#length);
    this.#length = 0;
    return taken;
  }
}

/**
 * A tag is `chunk × CHUNK_STRIDE + index`, kept below 2^30 so that V8 stores it as a small
 * integer: with the chunk number above 2^26 a tag passed 2^31 after 32 chunks, and every tag
 * stored was a heap number (17 MB of garbage a save at 2M events). Indexes from `CHUNK_STRIDE`
 * on are not tagged (the value is then listed again if it recurs in the chunk: larger, still
 * right), and the chunk numbers start again, with the map emptied, every `CHUNKS_PER_EPOCH`.
 */
const CHUNK_STRIDE = 2 ** 20;
const CHUNKS_PER_EPOCH = 2 ** 10 - 1;

/**
 * Strings numbered per chunk, with one map for every chunk of a cut: a value tags the index
 * with the chunk's number, and a tag of an earlier chunk counts as not yet numbered. A map per
 * chunk rehashed its way up again every 4,096 claims (75 MB of garbage a save at 2M events).
 */
export class ChunkIndex {
  readonly #tags = new Map<string, number>();
  #chunk = 0;

  /** Start numbering a new chunk's table from 0. */
  nextChunk(): void {
    if (this.#chunk === CHUNKS_PER_EPOCH) {
      // Once per 1,023 chunks (4M claims): no tag of the last epoch may read as current.
      this.#tags.clear();
      this.#chunk = 0;
    }
    this.#chunk++;
  }

  /** The index of `value` in this chunk's `table`, appended to it on first use in the chunk. */
  indexIn(table: ReusedList<string>, value: string): number {
    const base = this.#chunk * CHUNK_STRIDE;
    const tag = this.#tags.get(value);
    if (tag !== undefined && tag >= base) return tag - base;
    const at = table.length;
    table.put(value);
    if (at < CHUNK_STRIDE) this.#tags.set(value, base + at);
    return at;
  }
}

/**
 * What the packers of one cut share, one after the other (never two at once): the numbers'
 * store and the string numbering, reused from chunk to chunk instead of grown again.
 */
export class PackingScratch {
  readonly numbers = new DoubleBuffer();
  readonly strings = new ChunkIndex();
  readonly times = new ChunkIndex();
  readonly stringTable = new ReusedList<string>();
  readonly uniques = new ReusedList<string>();
  readonly timeTable = new ReusedList<string>();
  readonly objects = new ReusedList<unknown>();
}

/** Builds one chunk: strings are numbered on first use. */
export class ClaimsPacker {
  readonly #strings: ReusedList<string>;
  readonly #uniques: ReusedList<string>;
  readonly #times: ReusedList<string>;
  readonly #objects: ReusedList<unknown>;
  readonly #scratch: PackingScratch;
  readonly #numbers: DoubleBuffer;
  #claims = 0;

  /**
   * @param scratch Shared by the packers of a cut, one after the other (the previous one's
   *   `packed()` taken before the next is made), so its stores are reused.
   */
  constructor(scratch: PackingScratch = new PackingScratch()) {
    this.#scratch = scratch;
    this.#numbers = scratch.numbers;
    this.#strings = scratch.stringTable;
    this.#uniques = scratch.uniques;
    this.#times = scratch.timeTable;
    this.#objects = scratch.objects;
    scratch.strings.nextChunk();
    scratch.times.nextChunk();
  }

  get claims(): number {
    return this.#claims;
  }

  #string(value: string): number {
    return this.#scratch.strings.indexIn(this.#strings, value);
  }

  #optionalString(value: string | undefined): number {
    return value === undefined ? NONE : this.#string(value);
  }

  /** A string read back in order: numbering it would only cost a lookup (it does not recur). */
  #unique(value: string): void {
    this.#uniques.put(value);
  }

  #optionalUnique(value: string | undefined): void {
    this.#numbers.put(value === undefined ? 0 : 1);
    if (value !== undefined) this.#uniques.put(value);
  }

  #object(value: unknown): number {
    if (value === undefined) return NONE;
    this.#objects.put(value);
    return this.#objects.length - 1;
  }

  #known(known: Known): void {
    // A double holds every position below 2^53 exactly; refuse (the save fails, loudly) past it.
    if (known.position > MAX_EXACT) throw new RangeError(`position ${known.position} does not fit a snapshot's doubles`);
    this.#numbers.put(Number(known.position));
    this.#numbers.put(this.#scratch.times.indexIn(this.#times, known.recordedAt));
  }

  /** The knowledge times at or before `position`, counted then listed (they are in log order). */
  #knowns(list: readonly Known[], position: bigint): void {
    let count = 0;
    while (count < list.length && list[count]!.position <= position) count++;
    this.#numbers.put(count);
    for (let i = 0; i < count; i++) this.#known(list[i]!);
  }

  #version(version: ClaimVersion): void {
    const n = this.#numbers;
    n.put(this.#string(version.kind));
    n.put(this.#string(version.placeId));
    n.put(version.actorIds.length);
    // Indexed, not for…of: no iterator objects for a list of one or two.
    for (let i = 0; i < version.actorIds.length; i++) n.put(this.#string(version.actorIds[i]!));
    n.put(version.share ?? NONE);
    n.put(this.#optionalString(version.inFavourOf));
    n.put(this.#string(version.validDate));
    n.put(this.#string(version.validStart));
    n.put(this.#optionalString(version.validEndDate));
    n.put(version.approximate ? 1 : 0);
    n.put(version.credibility);
    n.put(this.#object(version.quote));
    this.#optionalUnique(version.summary);
    n.put(this.#optionalString(version.attributedTo));
    n.put(this.#object(version.fatalities));
    n.put(this.#object(version.actorRoles));
    n.put(this.#object(version.precision));
    n.put(this.#object(version.typology));
    n.put(this.#optionalString(version.release));
  }

  /**
   * Add `claim` as the ledger knew it at `position`: versions, retraction, corroborations and
   * disputes learned later are left out. The claims state only ever appends what it learns, each
   * piece with the position it was learned at, so the state at `position` can be cut from any
   * later state (the snapshot is taken while the follower goes on applying events).
   *
   * @throws RangeError when the claim itself was recorded after `position` (the caller stops there).
   */
  add(claim: ClaimKnowledge, position: bigint): void {
    if (claim.recorded.position > position) throw new RangeError(`claim ${claim.claimId} was recorded after ${position}`);
    const n = this.#numbers;
    this.#unique(claim.claimId);
    n.put(this.#string(claim.articleId));
    n.put(this.#string(claim.sourceId));
    n.put(this.#object(claim.sourceIds));
    n.put(this.#object(claim.provenance));
    this.#known(claim.recorded);
    let versions = 0;
    while (versions < claim.versions.length && claim.versions[versions]!.known.position <= position) versions++;
    n.put(versions);
    for (let i = 0; i < versions; i++) {
      const version = claim.versions[i]!;
      // The first version is known when the claim was recorded (the same object in the fold).
      if (i > 0) this.#known(version.known);
      this.#version(version);
    }
    const retracted = claim.retracted !== undefined && claim.retracted.position <= position ? claim.retracted : undefined;
    n.put(retracted ? 1 : 0);
    if (retracted) this.#known(retracted);
    this.#knowns(claim.corroborations, position);
    this.#knowns(claim.disputes, position);
    this.#claims++;
  }

  /**
   * The chunk built so far. Its `numbers` are a view of the scratch's store: write (serialise)
   * the chunk before the next packer of the same scratch adds a claim.
   */
  packed(): PackedClaims {
    return {
      strings: this.#strings.take(),
      uniques: this.#uniques.take(),
      times: this.#times.take(),
      numbers: this.#numbers.take(),
      objects: this.#objects.take(),
    };
  }
}

/**
 * Unpacks chunks into a claims state, sharing strings and actor lists as the fold does
 * (`sharedString`, `sharedActorIds`) and keeping every list at its exact size, so a restored
 * ledger takes no more memory than a folded one.
 */
export class ClaimsUnpacker {
  readonly #actorIds: string[] = [];
  readonly #versions: ClaimVersion[] = [];

  /**
   * @param state The claims state to add to.
   * @param articles The registry's articles: each lists its claims in the order recorded, so
   * unpacking (in log order) appends each claim to its article's list.
   */
  constructor(
    private readonly state: ClaimsState,
    private readonly articles: ReadonlyMap<string, { readonly claimIds: string[] }>,
  ) {}

  /**
   * Add every claim of `chunk` to the state, in order. One loop with its cursors in locals, no
   * closures: this runs once per stored claim at every start.
   *
   * @throws Error when the chunk is not a packed-claims chunk (a damaged snapshot).
   */
  unpack(chunk: PackedClaims): void {
    const strings = chunk.strings.map(sharedString);
    const { numbers: n, objects, uniques, times } = chunk;
    const { claims, byExternalId } = this.state;
    let at = 0;
    let u = 0;
    while (at < n.length) {
      const claimId = uniques[u++]!;
      const articleId = strings[n[at++]!]!;
      const sourceId = strings[n[at++]!]!;
      const sourceIdsAt = n[at++]!;
      const provenanceAt = n[at++]!;
      const recorded: Known = { position: BigInt(n[at++]!), recordedAt: times[n[at++]!]! };
      const count = n[at++]!;
      // Built in scratch arrays and copied to arrays of exactly their size (as the fold keeps them).
      const versions = this.#versions;
      versions.length = 0;
      for (let i = 0; i < count; i++) {
        const known: Known = i === 0 ? recorded : { position: BigInt(n[at++]!), recordedAt: times[n[at++]!]! };
        const kind = strings[n[at++]!]!;
        const placeId = strings[n[at++]!]!;
        const actorCount = n[at++]!;
        const scratch = this.#actorIds;
        scratch.length = 0;
        for (let a = 0; a < actorCount; a++) scratch.push(strings[n[at++]!]!);
        const actorIds = sharedActorIds(scratch);
        const share = n[at++]!;
        const inFavourOf = n[at++]!;
        const validDate = strings[n[at++]!]!;
        const validStart = strings[n[at++]!]!;
        const validEndDate = n[at++]!;
        const approximate = n[at++] === 1;
        const credibility = n[at++]!;
        const quote = n[at++]!;
        const summary = n[at++] === 1 ? uniques[u++] : undefined;
        const attributedTo = n[at++]!;
        const fatalities = n[at++]!;
        const actorRoles = n[at++]!;
        const precision = n[at++]!;
        const typology = n[at++]!;
        const release = n[at++]!;
        // The same property order as `versionOf` in projections/claims.ts: one hidden class.
        const version: ClaimVersion = {
          known,
          kind,
          placeId,
          actorIds,
          share: share === NONE ? undefined : share,
          inFavourOf: inFavourOf === NONE ? undefined : strings[inFavourOf],
          validDate,
          validStart,
          validEndDate: validEndDate === NONE ? undefined : strings[validEndDate],
          approximate,
          credibility,
          quote: (quote === NONE ? undefined : objects[quote]) as ClaimVersion['quote'],
          summary,
          attributedTo: attributedTo === NONE ? undefined : strings[attributedTo],
          fatalities: (fatalities === NONE ? undefined : objects[fatalities]) as ClaimVersion['fatalities'],
          actorRoles: (actorRoles === NONE ? undefined : objects[actorRoles]) as ClaimVersion['actorRoles'],
          precision: (precision === NONE ? undefined : objects[precision]) as ClaimVersion['precision'],
          typology: (typology === NONE ? undefined : objects[typology]) as ClaimVersion['typology'],
          release: release === NONE ? undefined : strings[release],
        };
        versions.push(version);
      }
      const retracted: Known | undefined =
        n[at++] === 1 ? { position: BigInt(n[at++]!), recordedAt: times[n[at++]!]! } : undefined;
      let corroborations = NONE_KNOWN;
      for (let i = n[at++]!; i > 0; i--)
        corroborations = withKnown(corroborations, { position: BigInt(n[at++]!), recordedAt: times[n[at++]!]! });
      let disputes = NONE_KNOWN;
      for (let i = n[at++]!; i > 0; i--)
        disputes = withKnown(disputes, { position: BigInt(n[at++]!), recordedAt: times[n[at++]!]! });
      if (claimId === undefined || versions.length === 0) throw new Error('damaged snapshot: a packed claim without versions');
      const provenance = (provenanceAt === NONE ? undefined : objects[provenanceAt]) as ClaimKnowledge['provenance'];
      const claim: ClaimKnowledge = {
        claimId,
        articleId,
        sourceId,
        sourceIds: (sourceIdsAt === NONE ? undefined : objects[sourceIdsAt]) as string[] | undefined,
        recorded,
        provenance,
        versions: count === 1 ? [versions[0]!] : versions.slice(),
        corroborations,
        disputes,
      };
      if (retracted) claim.retracted = retracted;
      claims.set(claimId, claim);
      this.articles.get(articleId)?.claimIds.push(claimId);
      // In log order: each claim is the latest indexed so far.
      for (const version of claim.versions) indexClaimVersion(this.state, claim, version, true);
      if (provenance?.kind === 'dataset') byExternalId.set(externalKey(provenance.dataset, provenance.externalId), claimId);
    }
    if (at !== n.length || u !== uniques.length) throw new Error('damaged snapshot: a packed claims chunk ends inside a claim');
  }
}
