import { z } from 'zod';
import { EVENT_SCHEMAS, EVENT_TYPES, type EventType } from '../../../domain/events.js';

/**
 * The event catalogue (`domain/events.ts`) as OpenAPI components, generated from the same
 * zod schemas the ledger decodes with, so integrators see every event type and its `data`
 * and the two never drift:
 *
 * - `{Type}`: the event's data at its latest `schemaVersion`;
 * - `{Type}Envelope`: the envelope served to integrators (DESIGN "Events and streams")
 *   carrying it, `type` and `schemaVersion` fixed;
 * - `OtherEventEnvelope`: an event of a type this ledger does not define — other tools may
 *   write to a shared KurrentDB — which a tolerant client ignores;
 * - `EventEnvelope`: one of those, discriminated by `type` (`/v1/events`, `/v1/streams`,
 *   `/v1/export`, `/v1/subscribe`);
 * - `ServerSentEvent`: one frame of `GET /v1/subscribe` (`id:` position, `event:` type,
 *   `data:` the envelope as JSON), one alternative per event type.
 *
 * Events are served as stored: when a type gets a new schemaVersion, its older versions'
 * schemas must be added here too, or their envelopes stop matching the document.
 */

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const envelopeId = (type: string) => `${type}Envelope`;

const POSITION = { type: 'string', pattern: '^\\d{1,20}$', description: 'Log position (decimal text: 64 bits).' };

const dataSchema = (type: EventType): JsonSchema => {
  const { schema, schemaVersion } = EVENT_SCHEMAS[type];
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
  return { ...json, description: `The data of a ${type} event, schemaVersion ${schemaVersion}.` };
};

const EventMetadata: JsonSchema = {
  type: 'object',
  description: 'Who recorded the event and why. Other keys may appear (imports keep metadata verbatim).',
  properties: {
    principal: { type: 'string', description: 'The authenticated principal that recorded the event.' },
    correlationId: {
      type: 'string',
      description: "The workflow the event belongs to: the request's X-Correlation-ID, else the server's request id.",
    },
    causationId: { type: 'string', description: 'What caused the event: for an HTTP write, the server id of the request.' },
    clientRequestId: { type: 'string', description: "The request's X-Request-ID, as the client sent it." },
    idempotencyKey: { type: 'string', description: 'The Idempotency-Key of the request that wrote the event.' },
    requestHash: { type: 'string', description: 'A hash of that request, to tell a retry from a reuse of its key.' },
  },
  required: ['principal'],
};

const envelope = (type: JsonSchema, schemaVersion: JsonSchema, data: JsonSchema, description: string): JsonSchema => ({
  type: 'object',
  description,
  properties: {
    position: POSITION,
    streamId: { type: 'string', description: '`{category}-{id}`, e.g. `claim-sdf-controls-80pct-al-susa`.' },
    revision: { type: 'integer', minimum: 0, description: 'The revision within the stream, from 0.' },
    eventId: { type: 'string' },
    type,
    schemaVersion,
    recordedAt: { type: 'string', description: 'When the ledger recorded the event (ISO 8601, UTC): knowledge time.' },
    data,
    metadata: ref('EventMetadata'),
  },
  required: ['position', 'streamId', 'revision', 'eventId', 'type', 'schemaVersion', 'recordedAt', 'data', 'metadata'],
  additionalProperties: false,
});

const typedEnvelope = (type: EventType): JsonSchema =>
  envelope(
    { type: 'string', const: type },
    { type: 'integer', const: EVENT_SCHEMAS[type].schemaVersion },
    ref(type),
    `A ${type} event as served to integrators.`,
  );

const OtherEventEnvelope = envelope(
  { type: 'string', not: { enum: EVENT_TYPES } },
  { type: 'integer' },
  {},
  'An event of a type this ledger does not define (another tool wrote it to a shared store): ignore it.',
);

const EventEnvelope: JsonSchema = {
  description:
    'An event as served to integrators: `data` is the schema of its `type`. Types are never renamed; a new shape ' +
    'is a new `schemaVersion`. Ignore types you do not know.',
  oneOf: [...EVENT_TYPES.map((type) => ref(envelopeId(type))), ref('OtherEventEnvelope')],
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, `#/components/schemas/${envelopeId(type)}`])),
  },
};

const frame = (event: JsonSchema, data: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: {
    id: { ...POSITION, description: 'The position: a reconnecting client sends it back as Last-Event-ID.' },
    event: event,
    data: { type: 'string', contentMediaType: 'application/json', contentSchema: data },
  },
  required: ['id', 'event', 'data'],
});

const ServerSentEvent: JsonSchema = {
  description:
    'One event of the `text/event-stream` (the schema of each item of the stream, as OpenAPI 3.2 `itemSchema` ' +
    'would say): `id:` the position, `event:` the event type, `data:` the envelope as one line of JSON. The ' +
    'stream starts with `retry:`, and comment lines (`: heartbeat`) keep it open.',
  oneOf: [
    ...EVENT_TYPES.map((type) => frame({ type: 'string', const: type }, ref(envelopeId(type)))),
    frame({ type: 'string', not: { enum: EVENT_TYPES } }, ref('OtherEventEnvelope')),
  ],
};

/**
 * Stands, in a route's schema, for the `ServerSentEvent` component defined here (a stream
 * has no runtime serialiser to feed: the route writes its frames itself).
 */
export const ServerSentEventComponent = z.string().meta({ id: 'ServerSentEvent' });

/**
 * The components above, to merge into the document's `components.schemas`. `EventEnvelope`
 * replaces the route schemas' component of that name (`http/schemas.ts`), whose `data` is
 * unknown: at runtime events are served as stored, unchecked.
 */
export const eventCatalogueSchemas = (): Record<string, JsonSchema> => ({
  ...Object.fromEntries(EVENT_TYPES.map((type) => [type, dataSchema(type)] as const)),
  ...Object.fromEntries(EVENT_TYPES.map((type) => [envelopeId(type), typedEnvelope(type)] as const)),
  OtherEventEnvelope,
  EventMetadata,
  EventEnvelope,
  ServerSentEvent,
});
