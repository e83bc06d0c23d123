import type { PackedPage } from './packedPage.js';

/** What the read-ahead reader's worker starts with (`workerData`). */
export interface LogReaderWorkerData {
  /** The ledger file, absolute. */
  readonly path: string;
  readonly lockTimeoutMs: number;
  /** Events per page the worker reads. */
  readonly pageSize: number;
}

/** An error as it crosses threads: its class's name and its message. */
export interface ErrorDescription {
  readonly name: string;
  readonly message: string;
}

/** From the reader to its worker. */
export type ToLogReaderWorker =
  /** Read pages strictly after `after`, up to `credits` ahead of what the reader has taken; ends any earlier stream. */
  | { readonly op: 'stream'; readonly stream: number; readonly after: bigint; readonly credits: number }
  /** The reader took a page of stream `stream`: read one more ahead. */
  | { readonly op: 'credit'; readonly stream: number }
  | { readonly op: 'head'; readonly id: number }
  | { readonly op: 'eventAt'; readonly id: number; readonly position: bigint }
  /** Close the file and end the thread. */
  | { readonly op: 'close' };

/** From the worker to its reader. */
export type FromLogReaderWorker =
  | { readonly kind: 'opened' }
  | { readonly kind: 'failed'; readonly error: ErrorDescription }
  /** A page of stream `stream`; `end`: it was short, the stream is over. */
  | { readonly kind: 'page'; readonly stream: number; readonly page: PackedPage; readonly end: boolean }
  | { readonly kind: 'streamFailed'; readonly stream: number; readonly error: ErrorDescription }
  | { readonly kind: 'head'; readonly id: number; readonly position: bigint }
  /** The event at a position: a page of one event, or of none. */
  | { readonly kind: 'eventAt'; readonly id: number; readonly page: PackedPage }
  | { readonly kind: 'requestFailed'; readonly id: number; readonly error: ErrorDescription };
