import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Allowlist } from './allowlist.js';

/** The outcome of one delivery attempt. Stopping is not an outcome: it rejects with `DeliveryStopped`. */
export type AttemptResult = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string };

/** The dispatcher was stopped while the attempt was in flight. */
export class DeliveryStopped extends Error {
  override readonly name = 'DeliveryStopped';
}

export interface Attempt {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly allowlist: Allowlist;
  /** Aborted when the dispatcher stops. */
  readonly signal: AbortSignal;
}

/** How much of a receiver's answer is read before the connection is dropped. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Resolve through the system resolver, then refuse every answer unless all its addresses are
 * allowed. The connection is made to the address checked here, so a name cannot be
 * re-resolved to another address between the check and the connect (DNS rebinding).
 */
const lookupWithin =
  (allowlist: Allowlist): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.filter((a) => !allowlist.permitsAddress(a.address));
      const first = addresses[0];
      if (refused.length > 0 || !first) {
        const which = refused.map((a) => a.address).join(', ') || 'no address';
        const denied = Object.assign(new Error(`${hostname} resolves to ${which}, outside the webhook allowlist`), {
          code: 'EWEBHOOKDENIED',
        });
        return callback(denied, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      return callback(null, first.address, first.family);
    });
  };

/**
 * One POST of a delivery. 2xx is success; any other status, a network error, a refused
 * destination or the timeout is a failure. Redirects are not followed (a 3xx is a failure):
 * following one would leave the allowlist's reach.
 */
export const postOnce = (attempt: Attempt, agents: { http: http.Agent; https: https.Agent }): Promise<AttemptResult> => {
  if (attempt.signal.aborted) return Promise.reject(new DeliveryStopped('stopped'));
  const url = new URL(attempt.url);
  if (!attempt.allowlist.permitsHost(url.hostname)) {
    return Promise.resolve({ ok: false, error: `host ${url.hostname} is not in the webhook allowlist` });
  }
  const secure = url.protocol === 'https:';
  // One controller per attempt, tied to the stop signal and the deadline, both released in
  // `finish`: nothing is left listening on the long-lived stop signal.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, attempt.timeoutMs);
  const onStop = () => controller.abort();
  attempt.signal.addEventListener('abort', onStop, { once: true });
  const finish = () => {
    clearTimeout(timer);
    attempt.signal.removeEventListener('abort', onStop);
  };
  return new Promise<AttemptResult>((resolve, reject) => {
    const request = (secure ? https : http).request(url, {
      method: 'POST',
      headers: { ...attempt.headers, 'content-length': Buffer.byteLength(attempt.body).toString() },
      agent: secure ? agents.https : agents.http,
      lookup: lookupWithin(attempt.allowlist),
      signal: controller.signal,
    });
    request.on('error', (error: Error & { code?: string }) => {
      finish();
      if (attempt.signal.aborted) return reject(new DeliveryStopped('stopped'));
      if (timedOut) return resolve({ ok: false, error: `no answer within ${attempt.timeoutMs} ms` });
      resolve({ ok: false, error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    request.on('response', (response) => {
      // The status is the answer: settle now, then drain the body (bounded, still under the
      // deadline) so the connection can be reused. A later error on the body changes nothing.
      response.on('close', finish);
      const status = response.statusCode ?? 0;
      resolve(
        status >= 200 && status < 300
          ? { ok: true, status }
          : { ok: false, error: `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}` },
      );
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      response.on('error', () => undefined);
    });
    request.end(attempt.body);
  });
};
