/** Failures of webhook administration, with stable codes; the HTTP routes map them to problems. */
export class WebhookError extends Error {
  override readonly name: string = 'WebhookError';
  constructor(
    readonly code: 'webhook_not_found' | 'parked_delivery_not_found' | 'url_not_allowed' | 'webhooks_stopped',
    message: string,
  ) {
    super(message);
  }
}

export const webhookNotFound = (id: string) => new WebhookError('webhook_not_found', `no webhook ${id}`);

export const parkedNotFound = (id: string, position: bigint) =>
  new WebhookError('parked_delivery_not_found', `webhook ${id} has no parked delivery at position ${position}`);

export const urlNotAllowed = (why: string) => new WebhookError('url_not_allowed', `url ${why}`);

export const webhooksStopped = () => new WebhookError('webhooks_stopped', 'webhook delivery is shutting down');
