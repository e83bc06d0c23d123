import { createHmac, randomBytes } from 'node:crypto';

/**
 * Signing secrets in the Standard Webhooks form: `whsec_` then the base64 of 24–64 random
 * bytes. The key is the decoded bytes, never the text, exactly as the reference libraries
 * read it, so any Standard Webhooks verifier accepts our signatures.
 */
export const SECRET_PREFIX = 'whsec_';
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A fresh secret of 32 random bytes. */
export const generateSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;

/** Why `secret` is not a usable Standard Webhooks secret, or `null` when it is. */
export const secretProblem = (secret: string): string | null => {
  if (!secret.startsWith(SECRET_PREFIX)) return `must start with ${SECRET_PREFIX}`;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) return `must be ${SECRET_PREFIX} followed by standard base64`;
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES) {
    return `must encode ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes, not ${bytes}`;
  }
  return null;
};

/** The HMAC key of a valid secret. */
export const keyOf = (secret: string): Buffer => Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');

/**
 * The `webhook-signature` header: `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
 * `timestamp` is in unix seconds, the value sent as `webhook-timestamp`.
 */
export const signatureOf = (key: Buffer, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
