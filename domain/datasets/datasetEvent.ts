import type { ActorKind, ActorRole, ClaimKind, DatasetName, DatePrecision, PlacePrecision } from '../vocabulary.js';

/**
 * One dataset row as sijill reads it, before any name is resolved to an id: what the pure
 * mappings (`ucdpGed.ts`, `acled.ts`) make of a row and what the importer turns into
 * registrations and a claim. Field names follow the claim body v2 (docs/datasets.md).
 */
export interface DatasetEvent {
  readonly dataset: DatasetName;
  /** The row's own id, verbatim (UCDP `id`, ACLED `event_id_cnty`). */
  readonly externalId: string;
  readonly kind: ClaimKind;
  /** `control` only. */
  readonly share?: number;
  readonly typology: { readonly scheme: DatasetName; readonly type: string; readonly subType?: string };
  readonly validTime: { readonly date: string; readonly end?: string; readonly approximate: boolean };
  readonly fatalities?: {
    readonly best: number;
    readonly low?: number;
    readonly high?: number;
    readonly bySide?: {
      readonly sideA?: number;
      readonly sideB?: number;
      readonly civilians?: number;
      readonly unknown?: number;
    };
  };
  readonly precision: {
    readonly place: PlacePrecision;
    readonly date: DatePrecision;
    readonly coded: { readonly scheme: DatasetName; readonly where?: number; readonly date?: number };
  };
  /** Credibility 1–6 (Admiralty), as docs/datasets.md sets it per dataset. */
  readonly credibility: 1 | 2 | 3 | 4 | 5 | 6;
  /** In role order; the same name twice keeps its first role. */
  readonly actors: readonly DatasetActor[];
  readonly place: PlaceHint;
  readonly article: DatasetArticle;
  readonly summary?: string;
}

export interface DatasetActor {
  readonly name: string;
  readonly kind: ActorKind;
  readonly role: ActorRole;
}

/** Where the row says the event happened, as the dataset codes it; `placeResolution.ts` finds or makes the place. */
export interface PlaceHint {
  readonly country: string;
  readonly adm1?: string;
  readonly adm2?: string;
  /** The named location itself (UCDP `where_coordinates`, ACLED `location`). */
  readonly site?: string;
  readonly point?: { readonly lat: number; readonly lon: number };
  readonly precision: PlacePrecision;
}

/** The row's citation, as an article: sources by name, registered on the fly. */
export interface DatasetArticle {
  readonly id: string;
  /** Source names, primary first, distinct; empty → the dataset itself as the source. */
  readonly sources: readonly string[];
  readonly citation?: string;
  readonly title?: string;
  readonly publishedAt?: string;
  readonly language: string;
}

/** Why a row cannot be imported: the column and the reason, for the report. */
export interface RowProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * A row mapped, or why it cannot be. A mapped row's `notes` say what the mapping had to change
 * in it (a citation or summary cut to the length a claim or article takes), for its report line.
 */
export type MappedRow =
  | { readonly ok: true; readonly event: DatasetEvent; readonly notes: readonly string[] }
  | { readonly ok: false; readonly problems: RowProblem[] };
