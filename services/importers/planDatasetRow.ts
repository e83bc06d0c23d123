import type { z } from 'zod';
import { RegisterActor } from '../../domain/actors/commands.js';
import { RecordArticle } from '../../domain/articles/commands.js';
import { RecordClaim } from '../../domain/claims/commands.js';
import { datasetClaimId } from '../../domain/claims/datasetClaimId.js';
import { claimShapeProblems } from '../../domain/claims/shape.js';
import type { DatasetEvent, RowProblem } from '../../domain/datasets/datasetEvent.js';
import { DATASET_LABELS } from '../../domain/datasets/releaseDiff.js';
import { cutNote } from '../../domain/datasets/rowFields.js';
import type { ClaimBody } from '../../domain/events.js';
import { streamIdOf } from '../../domain/ids.js';
import { RegisterPlace } from '../../domain/places/commands.js';
import { RegisterSource } from '../../domain/sources/commands.js';
import { type Registration, registrationStream } from '../commands/registerEntity.js';
import { MAX_NAME, type RegistryIndex } from './registryIndex.js';

/** The most further sources an article names (RecordArticle `additionalSourceIds`). */
const MAX_ADDITIONAL_SOURCES = 20;

/** The column each dataset names its sources and its actors of each role in (for the report's notes). */
const SOURCE_COLUMN: Readonly<Record<DatasetEvent['dataset'], string>> = { 'ucdp-ged': 'source_office', acled: 'source' };
const ROLE_COLUMN: Readonly<Record<DatasetEvent['dataset'], Readonly<Record<string, string>>>> = {
  'ucdp-ged': { side_a: 'side_a', side_b: 'side_b' },
  acled: { side_a: 'actor1', associated_a: 'assoc_actor_1', side_b: 'actor2', associated_b: 'assoc_actor_2' },
};

/** A dataset row made ready to write: what to register first, every entity it names, and its claim. */
export interface RowPlan {
  /** New entities, parents before children, sources before the article. */
  readonly registrations: readonly Registration[];
  /** Every entity stream the claim names (registered now or before), in the order they must exist. */
  readonly references: readonly string[];
  readonly claim: RecordClaim & { id: string };
  /** The claim's replaceable part, as a correction compares it. */
  readonly body: ClaimBody;
  /** What had to change on the way (a name cut to the length a registry takes, sources beyond the limit), for the report. */
  readonly notes: readonly string[];
}

const SCHEMAS = {
  RegisterSource,
  RegisterPlace,
  RegisterActor,
  RecordArticle,
} as const satisfies Record<Registration['type'], z.ZodType>;

const issueOf = (error: z.ZodError, prefix: string): RowProblem => {
  const issue = error.issues[0]!;
  return { field: [prefix, ...issue.path.map(String)].filter(Boolean).join('/'), reason: issue.message };
};

/**
 * A dataset row (already mapped, `domain/datasets/`) → the commands that write it, with every
 * name resolved against the ledger (`RegistryIndex`): sources and actors matched by folded
 * name or registered with a slug id, the place found or made (`resolvePlace`, remembered by the index), the article
 * `ucdp-ged-<id>`/`acled-<id>` recorded once, and the claim with the id its external id fixes.
 * Each command is checked here against its schema and the claim against its shape rules, so a
 * bad row is refused alone, before any batch. Nothing is remembered until the plan is whole.
 */
export const planDatasetRow = (event: DatasetEvent, index: RegistryIndex, release: string): RowPlan | RowProblem => {
  const registrations: Registration[] = [];
  const references: string[] = [];
  const notes: string[] = [];
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  const add = (registration: Registration | undefined, streamId: string) => {
    if (registration && !registrations.some((r) => registrationStream(r) === streamId)) registrations.push(registration);
    if (!references.includes(streamId)) references.push(streamId);
  };

  const sourceIds: string[] = [];
  const named = event.article.sources.length > 0 ? event.article.sources : [DATASET_LABELS[event.dataset]];
  for (const name of named) {
    const kind = event.article.sources.length > 0 ? 'other' : 'monitor';
    const source = index.source(name, kind);
    if ('problem' in source) return { field: 'source', reason: source.problem };
    if (source.cut) note(`${cutNote(SOURCE_COLUMN[event.dataset], MAX_NAME)} (a source's name)`);
    if (sourceIds.includes(source.id)) continue;
    sourceIds.push(source.id);
    add(source.register && { type: 'RegisterSource', data: source.register }, streamIdOf('source', source.id));
  }

  const actorIds: string[] = [];
  const actorRoles: { actorId: string; role: DatasetEvent['actors'][number]['role'] }[] = [];
  for (const actor of event.actors) {
    const found = index.actor(actor.name, actor.kind);
    if ('problem' in found) return { field: actor.role, reason: found.problem };
    if (found.cut) note(`${cutNote(ROLE_COLUMN[event.dataset][actor.role] ?? actor.role, MAX_NAME)} (an actor's name)`);
    if (actorIds.includes(found.id)) continue;
    actorIds.push(found.id);
    actorRoles.push({ actorId: found.id, role: actor.role });
    add(found.register && { type: 'RegisterActor', data: found.register }, streamIdOf('actor', found.id));
  }

  const place = index.places.resolve(event.place);
  if ('problem' in place) return { field: 'country', reason: place.problem };
  for (const data of place.register) add({ type: 'RegisterPlace', data }, streamIdOf('place', data.id));
  add(undefined, streamIdOf('place', place.placeId));

  const { article } = event;
  const articleStream = streamIdOf('article', article.id);
  if (!index.articles.has(article.id)) {
    const [sourceId, ...more] = sourceIds;
    if (more.length > MAX_ADDITIONAL_SOURCES) {
      note(
        `${SOURCE_COLUMN[event.dataset]}: ${sourceIds.length} sources, the article names the first ${MAX_ADDITIONAL_SOURCES + 1} (the citation keeps them all)`,
      );
    }
    add(
      {
        type: 'RecordArticle',
        data: {
          id: article.id,
          sourceId: sourceId!,
          ...(more.length > 0 ? { additionalSourceIds: more.slice(0, MAX_ADDITIONAL_SOURCES) } : {}),
          ...(article.title !== undefined ? { title: article.title } : {}),
          language: article.language,
          ...(article.publishedAt !== undefined ? { publishedAt: article.publishedAt } : {}),
          ...(article.citation !== undefined ? { citation: article.citation } : {}),
        },
      },
      articleStream,
    );
  } else add(undefined, articleStream);

  for (const registration of registrations) {
    const parsed = SCHEMAS[registration.type].safeParse(registration.data);
    if (!parsed.success) return issueOf(parsed.error, registration.type);
  }

  const body = {
    placeId: place.placeId,
    actorIds,
    ...(event.share !== undefined ? { share: event.share } : {}),
    validTime: event.validTime,
    credibility: event.credibility,
    ...(event.summary !== undefined ? { summary: event.summary } : {}),
    ...(event.fatalities !== undefined ? { fatalities: event.fatalities } : {}),
    actorRoles,
    precision: event.precision,
    typology: event.typology,
  };
  const claim = RecordClaim.safeParse({
    id: datasetClaimId(event.dataset, event.externalId),
    articleId: article.id,
    kind: event.kind,
    ...body,
    provenance: { kind: 'dataset', dataset: event.dataset, release, externalId: event.externalId },
  });
  if (!claim.success) return issueOf(claim.error, '');
  const { id, articleId: _a, kind, provenance: _p, ...parsedBody } = claim.data;
  const shape = claimShapeProblems(kind, parsedBody);
  if (shape.length > 0) return { field: shape[0]!.field, reason: shape.map((p) => p.message).join('; ') };
  for (const registration of registrations) index.remember(registration);
  return { registrations, references, claim: { ...claim.data, id: id! }, body: parsedBody, notes };
};
