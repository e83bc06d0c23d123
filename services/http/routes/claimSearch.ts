import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActorRoles } from '../../../domain/claims/actorRoles.js';
import { Fatalities } from '../../../domain/claims/fatalities.js';
import { ClaimPrecision } from '../../../domain/claims/precision.js';
import { ClaimProvenance } from '../../../domain/claims/provenance.js';
import { Typology } from '../../../domain/claims/typology.js';
import { endOf, PartialDateText, startOf } from '../../../domain/dates.js';
import { EntityId } from '../../../domain/ids.js';
import { ActorRole, ClaimKind, DatasetName } from '../../../domain/vocabulary.js';
import type { BoundingBox } from '../../../projections/claimSearch.js';
import type { AppDeps } from '../../deps.js';
import { type ClaimsQuery, claimsExport, claimsPage } from '../../queries/claimSearch.js';
import { claimsCsv } from '../claimsCsv.js';
import { KnowledgeQuery, knowledgeParamsOf } from '../knowledgeParams.js';
import { PointOut } from '../outSchemas.js';
import { ProblemSchema } from '../problem.js';
import { stampPosition } from '../reads.js';
import { CommaList } from '../schemas.js';

const CSV = 'text/csv';

/** `minLon,minLat,maxLon,maxLat`, WGS84 degrees (the order of OGC's BBOX and RFC 7946 §5). */
const Bbox = z
  .string()
  .max(200)
  .transform((text, ctx): BoundingBox => {
    const parts = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
    const problem =
      parts.length !== 4 || parts.some((n) => !Number.isFinite(n))
        ? 'must be four numbers: minLon,minLat,maxLon,maxLat'
        : [minLon, maxLon].some((lon) => lon < -180 || lon > 180) || [minLat, maxLat].some((lat) => lat < -90 || lat > 90)
          ? 'longitudes must be within -180…180 and latitudes within -90…90'
          : minLon > maxLon
            ? `minLon (${minLon}) must not be above maxLon (${maxLon}); a box across the antimeridian is two requests`
            : minLat > maxLat
              ? `minLat (${minLat}) must not be above maxLat (${maxLat})`
              : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return { minLon, minLat, maxLon, maxLat };
  })
  .describe(
    'minLon,minLat,maxLon,maxLat (WGS84 degrees, inclusive): claims whose place — or, for a place without a point, its ' +
      'nearest located ancestor — lies inside. minLon ≤ maxLon and minLat ≤ maxLat.',
  );

const Count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The filters `GET /v1/claims` and `GET /v1/claims/export.csv` share. */
const ClaimFilters = {
  dataset: DatasetName.optional().describe('Only rows of this dataset (ucdp-ged or acled).'),
  externalId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Only the claim of this dataset event id, exactly as the dataset writes it (UCDP id, ACLED event_id_cnty).'),
  kind: CommaList.pipe(z.array(ClaimKind)).optional().describe('Comma-separated claim kinds, e.g. battle,killing.'),
  fatalitiesMin: Count.optional().describe(
    'fatalities.best at least this (people). A claim without fatalities never matches a fatalities filter.',
  ),
  fatalitiesMax: Count.optional().describe('fatalities.best at most this (people); not below fatalitiesMin.'),
  actorId: EntityId.optional().describe('Only claims naming this actor (or withdrawing in its favour).'),
  role: ActorRole.optional().describe('With actorId: only claims naming that actor in this role (actorRoles).'),
  placeId: EntityId.optional().describe('Only claims about this place and everything under it (an admin area’s subtree).'),
  pcode: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe('Only claims about the place of this OCHA P-code (any letter case) and everything under it.'),
  country: z
    .string()
    .min(1)
    .max(120)
    .optional()
    .describe('A country place, by id (`sy`) or P-code (`SY`, any case): only claims about places in it.'),
  bbox: Bbox.optional(),
  from: PartialDateText.optional().describe(
    'Valid time from (inclusive): YYYY, YYYY-MM or YYYY-MM-DD. Periods match when they overlap from…to, as on the timeline.',
  ),
  to: PartialDateText.optional().describe('Valid time to (inclusive; a partial date covers its whole month or year).'),
  updatedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'Only claims recorded, corrected, corroborated, disputed or retracted at or after this instant (by recordedAt, ' +
        'as known at the cutoff): what changed since a previous pull.',
    ),
  includeRetracted: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'Retracted claims too, flagged `retracted`. Default false (only standing claims), except with `updatedSince`, ' +
        'where it is true: a pull of what changed must see the retractions.',
    ),
  ...KnowledgeQuery,
};

const ClaimsListQuery = z.strictObject({
  ...ClaimFilters,
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe(
      'The `next` of the previous page. It carries the first page’s knowledge cutoff, so every page reads the same ' +
        'knowledge while writes go on: the pages together neither repeat nor skip a claim. `asOf`/`knownAt` may be ' +
        'repeated beside it but not changed (`400 invalid_cursor`).',
    ),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const ClaimsExportQuery = z.strictObject({
  ...ClaimFilters,
  bom: z
    .enum(['true', 'false'])
    .default('false')
    .describe(
      'Start the file with a UTF-8 byte order mark, which Excel needs to read Arabic names right when it opens a CSV ' +
        'by double-click. Default false: QGIS, LibreOffice, pandas and R read UTF-8 without it (and some keep a BOM ' +
        'in the first column’s name).',
    ),
});

type ParsedFilters = z.output<z.ZodObject<typeof ClaimFilters>>;

const claimsQueryOf = (q: ParsedFilters): ClaimsQuery => ({
  dataset: q.dataset,
  externalId: q.externalId,
  kinds: q.kind,
  fatalitiesMin: q.fatalitiesMin,
  fatalitiesMax: q.fatalitiesMax,
  actorId: q.actorId,
  role: q.role,
  placeId: q.placeId,
  pcode: q.pcode,
  country: q.country,
  bbox: q.bbox,
  ...(q.from !== undefined ? { from: startOf(q.from) } : {}),
  ...(q.to !== undefined ? { to: endOf(q.to) } : {}),
  ...(q.updatedSince !== undefined ? { updatedSince: new Date(q.updatedSince).toISOString() } : {}),
  includeRetracted: q.includeRetracted === undefined ? q.updatedSince !== undefined : q.includeRetracted === 'true',
  knowledge: { ...knowledgeParamsOf(q), asOfText: q.asOf },
});

const SourceOut = z.object({ sourceId: z.string(), name: z.string().nullable(), reliability: z.string().nullable() });

const ClaimItemOut = z
  .object({
    claimId: z.string(),
    kind: z.string(),
    placeId: z.string(),
    placeName: z.string().nullable(),
    location: PointOut.nullable().describe('The place’s point, else its nearest located ancestor’s; null when none.'),
    actorIds: z.array(z.string()),
    share: z.number().optional(),
    inFavourOf: z.string().optional(),
    validTime: z.object({ date: z.string(), end: z.string().optional(), approximate: z.boolean() }),
    validStart: z.string().describe('The first day covered, YYYY-MM-DD.'),
    validEnd: z.string().describe('The last day covered, YYYY-MM-DD.'),
    credibility: z.number(),
    quote: z.object({ text: z.string(), language: z.string() }).optional(),
    summary: z.string().optional(),
    attributedTo: z.string().optional(),
    fatalities: Fatalities.optional().describe('Deaths (numbers of people): best, low, high, by side.'),
    actorRoles: ActorRoles.optional(),
    precision: ClaimPrecision.optional(),
    typology: Typology.optional(),
    provenance: ClaimProvenance.optional().describe('Where the claim came from, as recorded (a suggestion, a dataset row).'),
    release: z
      .string()
      .nullable()
      .describe('The dataset release the claim reads from at the cutoff: the last release that changed it.'),
    articleId: z.string(),
    sources: z.array(SourceOut).describe('Every source of the article, primary first, reliability as known at the cutoff.'),
    grade: z.string().nullable().describe('Best source reliability at the cutoff + credibility, e.g. B2.'),
    retracted: z.boolean(),
    corrected: z.boolean().describe('The claim as shown includes a correction known at the cutoff.'),
    recordedAt: z.string(),
    updatedAt: z.string().describe('The last recording, correction, corroboration, dispute or retraction known at the cutoff.'),
    position: z.string().describe('The recording’s log position: the list’s order.'),
  })
  .meta({ id: 'ClaimListItem' });

const ClaimsListPage = z
  .object({ asOf: z.string(), knownAt: z.string().nullable(), claims: z.array(ClaimItemOut), next: z.string().nullable() })
  .meta({ id: 'ClaimList' });

const CSV_TEXT = z.string().meta({
  type: 'string',
  contentMediaType: CSV,
  description:
    'RFC 4180 CSV in UTF-8 (CRLF line ends, a header row; the columns: claim_id, kind, dataset, release, external_id, ' +
    'typology_type, typology_sub_type, date_start, date_end, date_precision, place_id, place_name, place_precision, ' +
    'pcode, country, country_pcode, admin1, admin1_pcode, admin2, admin2_pcode, admin3, admin3_pcode, latitude, ' +
    'longitude, side_a, side_b, actors, fatalities_best, fatalities_low, fatalities_high, deaths_side_a, deaths_side_b, ' +
    'deaths_civilians, deaths_unknown, article_id, sources, citation, credibility, grade, retracted, recorded_at, ' +
    'updated_at).',
});

export const claimSearchRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/v1/claims',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['claims'],
        summary: 'Claims filtered by dataset, external id, fatalities, actor role, area, bounding box, valid time, update',
        description:
          'Claims as known at the knowledge cutoff (`asOf`/`knownAt`, as the timeline takes them), in recording order, ' +
          'each as it reads at the cutoff with every v2 field, its provenance, sources, grade and whether it is ' +
          'retracted. All filters given must hold. A filter that cannot hold — fatalitiesMin above fatalitiesMax, ' +
          'from after to, role without actorId, a bbox with minLon above maxLon, an unknown dataset, place, P-code or ' +
          'actor, a country id that is not a country — is a `400 validation_failed` naming the parameter. The same ' +
          'filters give a flat CSV at `GET /v1/claims/export.csv`.',
        querystring: ClaimsListQuery,
        response: { 200: ClaimsListPage, 400: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const answer = await claimsPage(deps, { ...claimsQueryOf(q), cursor: q.cursor, limit: q.limit });
      stampPosition(reply, answer.position);
      const { position: _, ...body } = answer;
      return body;
    },
  );

  app.get(
    '/v1/claims/export.csv',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['claims'],
        summary: 'The claims GET /v1/claims selects, as one flat CSV for spreadsheets and QGIS',
        description:
          'The filters of `GET /v1/claims`, unpaged: every matching claim, one row each, streamed as it is written ' +
          '(the knowledge cutoff is pinned when the answer starts: claims recorded meanwhile are not in it). Admin ' +
          'levels (country, admin1…admin3 with P-codes) come from the place’s parent chain; latitude/longitude are the ' +
          'place’s point or its nearest located ancestor’s; date_start/date_end are the first and last day covered. ' +
          'Lists (actors, sources) are separated by "; ". A bad filter is refused before the first byte, as for the list.',
        querystring: ClaimsExportQuery,
        response: {
          200: { description: 'The claims, one row each', content: { [CSV]: { schema: CSV_TEXT } } },
          400: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const answer = await claimsExport(deps, claimsQueryOf(q));
      stampPosition(reply, answer.position);
      void reply
        .type(`${CSV}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="sijill-claims-${answer.asOf}.csv"`);
      return reply.send(claimsCsv(answer.registry, answer.cutoff, answer.matches, { bom: q.bom === 'true' }) as never);
    },
  );
};
