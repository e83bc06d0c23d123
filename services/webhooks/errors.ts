import { ApplicationError } from '../applicationError.js';

/**
 * Failures of webhook administration, as application errors with stable codes
 * (`services/http/problem.ts` maps them to statuses).
 */
export const webhookNotFound = (id: string) => new ApplicationError('webhook_not_found', `no webhook ${id}`);

export const parkedNotFound = (id: string, position: bigint) =>
  new ApplicationError('parked_delivery_not_found', `webhook ${id} has no parked delivery at position ${position}`);

/** The registration's `url` refused: the problem names the field. */
export const urlNotAllowed = (why: string) =>
  new ApplicationError('url_not_allowed', `url ${why}`, [{ field: '/url', in: 'body', message: `url ${why}` }]);

export const webhooksStopped = () => new ApplicationError('webhooks_stopped', 'webhook delivery is shutting down');
