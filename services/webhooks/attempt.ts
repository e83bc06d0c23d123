import type http from 'node:http';
import type https from 'node:https';
import { toEnvelope } from '../envelope.js';
import type { RecordedEvent } from '../eventstore/port.js';
import type { WebhookOptions } from './options.js';
import { type AttemptResult, postOnce } from './post.js';
import { keyOf, signatureOf } from './secret.js';
import type { WebhookRecord } from './webhookDb.js';

export interface Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** The body of a delivery: the integrator envelope, as `GET /v1/events` serves it. */
export const bodyOf = (event: RecordedEvent): string => JSON.stringify(toEnvelope(event));

/**
 * One Standard Webhooks attempt: `webhook-id` is the event id (the same on every retry and
 * replay, so receivers can drop duplicates), `webhook-timestamp` the attempt's time in unix
 * seconds, `webhook-signature` the HMAC of `{id}.{timestamp}.{body}`.
 */
export const attemptDelivery = (
  webhook: WebhookRecord,
  event: RecordedEvent,
  body: string,
  options: WebhookOptions,
  agents: Agents,
  signal: AbortSignal,
): Promise<AttemptResult> => {
  const timestamp = Math.floor(Date.now() / 1000);
  return postOnce(
    {
      url: webhook.url,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'sijill-webhooks/1',
        'webhook-id': event.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureOf(keyOf(webhook.secret), event.eventId, timestamp, body),
      },
      timeoutMs: options.timeoutMs,
      allowlist: options.allowlist,
      signal,
    },
    agents,
  );
};
