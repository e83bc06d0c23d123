/**
 * What the OpenAPI document says of each operation beyond its route's `schema`: a stable,
 * readable `operationId` (client generators name their methods after it, so it is public
 * API: never renamed) and the protocol each operation follows, which decides the headers it
 * takes and answers (see `headers.ts`). Keyed by `METHOD url` as fastify routes it; a
 * documented route missing here fails the document's build (`transform.ts`), so a new route
 * cannot ship without an id.
 */
export interface OperationFacts {
  readonly operationId: string;
  /**
   * `one`: a write to one stream through the shared write pipeline (`commands/idempotentWrite.ts`):
   * If-Match, Idempotency-Key, X-Correlation-ID; answers ETag. `many`: the same pipeline over
   * several streams, so no If-Match and no ETag.
   */
  readonly write?: 'one' | 'many';
  /** A read that reports the log position it reflects (`X-Ledger-Position`). */
  readonly read?: true;
  /** The answer names a stream revision as its entity tag (`ETag`). */
  readonly etag?: true;
  /** The answer is a file to save (`Content-Disposition`). */
  readonly download?: true;
}

const write = (operationId: string): OperationFacts => ({ operationId, write: 'one' });
const read = (operationId: string): OperationFacts => ({ operationId, read: true });

export const OPERATIONS: Readonly<Record<string, OperationFacts>> = {
  'GET /health/live': { operationId: 'getLiveness' },
  'GET /health/ready': { operationId: 'getReadiness' },
  'GET /metrics': { operationId: 'getMetrics' },

  'POST /v1/sources': write('registerSource'),
  'GET /v1/sources': read('listSources'),
  'GET /v1/sources/:id': read('getSource'),
  'POST /v1/sources/:id/names': write('renameSource'),
  'POST /v1/sources/:id/variants': write('addSourceVariants'),
  'POST /v1/sources/:id/reliability': write('reviseSourceReliability'),
  'POST /v1/places': write('registerPlace'),
  'GET /v1/places': read('listPlaces'),
  'GET /v1/places/:id': read('getPlace'),
  'POST /v1/places/:id/names': write('renamePlace'),
  'POST /v1/places/:id/variants': write('addPlaceVariants'),
  'POST /v1/actors': write('registerActor'),
  'GET /v1/actors': read('listActors'),
  'GET /v1/actors/:id': read('getActor'),
  'POST /v1/actors/:id/names': write('renameActor'),
  'POST /v1/actors/:id/variants': write('addActorVariants'),
  'POST /v1/articles': write('recordArticle'),
  'GET /v1/articles': read('listArticles'),
  'GET /v1/articles/:id': read('getArticle'),
  'POST /v1/articles/:id/suggestions': read('suggestClaims'),

  'POST /v1/claims': write('recordClaim'),
  'POST /v1/claims/batch': { operationId: 'recordClaimBatch', write: 'many' },
  'POST /v1/claims/:id/corrections': write('correctClaim'),
  'POST /v1/claims/:id/corroborations': write('corroborateClaim'),
  'POST /v1/claims/:id/disputes': write('disputeClaim'),
  'POST /v1/claims/:id/retractions': write('retractClaim'),
  'GET /v1/claims': read('listClaims'),
  'GET /v1/claims/export.csv': { operationId: 'exportClaimsCsv', read: true, download: true },
  'GET /v1/claims/:id': { operationId: 'getClaim', read: true, etag: true },
  'GET /v1/claims/external/:dataset/:externalId': { operationId: 'getClaimByExternalId', read: true, etag: true },

  'GET /v1/control': read('getControl'),
  'GET /v1/places/:id/control': read('getPlaceControl'),
  'GET /v1/places/:id/history': read('getPlaceHistory'),
  'GET /v1/replay': read('replayControl'),
  'GET /v1/timeline': read('getTimeline'),

  'GET /v1/events': read('listEvents'),
  'GET /v1/streams/:streamId': read('readStream'),
  'GET /v1/subscribe': { operationId: 'subscribe' },
  'GET /v1/export': { operationId: 'exportLog', download: true },
  'POST /v1/admin/import': { operationId: 'importLog' },
  'POST /v1/admin/imports': { operationId: 'importDataset' },
  'GET /v1/admin/imports/:id': { operationId: 'getImportJob' },
  'GET /v1/admin/imports/:id/report': { operationId: 'getImportReport' },

  'POST /v1/admin/webhooks': { operationId: 'registerWebhook' },
  'GET /v1/admin/webhooks': { operationId: 'listWebhooks' },
  'GET /v1/admin/webhooks/:id': { operationId: 'getWebhook' },
  'DELETE /v1/admin/webhooks/:id': { operationId: 'deleteWebhook' },
  'GET /v1/admin/webhooks/:id/parked': { operationId: 'listParkedDeliveries' },
  'POST /v1/admin/webhooks/:id/parked/:position/replay': { operationId: 'replayParkedDelivery' },
  'POST /v1/admin/webhooks/:id/parked/replay': { operationId: 'replayParkedDeliveries' },
};

/** The facts of `METHOD url` (fastify's form, `:id`), or undefined for a route the table does not know. */
export const operationFacts = (method: string, url: string): OperationFacts | undefined =>
  OPERATIONS[`${method.toUpperCase()} ${url}`];
