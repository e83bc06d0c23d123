import type { Reliability } from '../../domain/grades.js';
import type { ClaimKnowledge, ClaimVersion, Cutoff, Known, ReliabilityOf } from '../../projections/control/index.js';
import { reliabilityAt } from '../../projections/control/index.js';

/**
 * A given/when/then builder for the control rule: a little ledger that hands out log
 * positions (1, 2, 3, …) and `recordedAt` stamps one minute apart, so a test reads as the
 * order in which the ledger learned things and can cut its knowledge off at any of them.
 */
export interface ClaimSpec {
  readonly kind?: string;
  readonly place?: string;
  readonly actor?: string;
  readonly share?: number;
  readonly inFavourOf?: string;
  readonly date: string;
  readonly credibility?: number;
  readonly source?: string;
}

interface MutableClaim {
  claimId: string;
  recorded: Known;
  sourceId: string;
  versions: ClaimVersion[];
  retracted?: Known;
}

export const stampOf = (position: number): string => new Date(Date.UTC(2019, 0, 1, 0, position)).toISOString();

export class ControlLedger {
  #position = 0;
  readonly #claims = new Map<string, MutableClaim>();
  readonly #sources = new Map<string, (Known & { reliability: Reliability })[]>();

  /** The position of the last thing recorded. */
  get position(): bigint {
    return BigInt(this.#position);
  }

  /** The cutoff "as known right now" by position, for a later `asOf`. */
  get now(): Cutoff {
    return { position: this.position };
  }

  #next(): Known {
    this.#position += 1;
    return { position: BigInt(this.#position), recordedAt: stampOf(this.#position) };
  }

  source(sourceId: string, reliability: Reliability): this {
    const history = this.#sources.get(sourceId) ?? [];
    history.push({ ...this.#next(), reliability });
    this.#sources.set(sourceId, history);
    return this;
  }

  /** A claim from `spec.source` (default `sdf-media`); a source never registered has no reliability at any K. */
  claim(claimId: string, spec: ClaimSpec): this {
    const sourceId = spec.source ?? 'sdf-media';
    const known = this.#next();
    this.#claims.set(claimId, { claimId, recorded: known, sourceId, versions: [versionOf(known, spec)] });
    return this;
  }

  /** A correction: the full body again, with `changes` applied to the version before it. */
  correct(claimId: string, changes: Partial<ClaimSpec>): this {
    const claim = this.#claims.get(claimId)!;
    const previous = claim.versions.at(-1)!;
    const known = this.#next();
    claim.versions.push(
      versionOf(known, {
        kind: previous.kind,
        place: previous.placeId,
        actor: previous.actorIds[0]!,
        ...(previous.share !== undefined ? { share: previous.share } : {}),
        ...(previous.inFavourOf !== undefined ? { inFavourOf: previous.inFavourOf } : {}),
        date: previous.validDate,
        credibility: previous.credibility,
        ...changes,
      }),
    );
    return this;
  }

  retract(claimId: string): this {
    this.#claims.get(claimId)!.retracted = this.#next();
    return this;
  }

  get claims(): ClaimKnowledge[] {
    return [...this.#claims.values()];
  }

  readonly reliabilityOf: ReliabilityOf = (sourceId, cutoff) => reliabilityAt(this.#sources.get(sourceId) ?? [], cutoff);
}

const versionOf = (known: Known, spec: ClaimSpec): ClaimVersion => ({
  known,
  kind: spec.kind ?? 'control',
  placeId: spec.place ?? 'al-susa',
  actorIds: spec.actor === undefined ? [] : [spec.actor],
  ...(spec.share !== undefined ? { share: spec.share } : {}),
  ...(spec.inFavourOf !== undefined ? { inFavourOf: spec.inFavourOf } : {}),
  validDate: spec.date,
  credibility: spec.credibility ?? 3,
});

export const given = (): ControlLedger => new ControlLedger();
