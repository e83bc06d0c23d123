import { createReadStream, type ReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ApplicationError, type ApplicationErrorCode } from '../applicationError.js';
import { csvRows } from './csvRows.js';
import { type AdminPolygon, loadAdminPolygons } from './placeIndex.js';
import { type DatasetFormat, plannedRows, type RowStep, UnreadableFile } from './plannedRows.js';
import { type RegistryEntries, RegistryIndex } from './registryIndex.js';

/** What the planning worker is started with (`workerData`, a structured clone). */
export interface PlanWorkerData {
  /** The CSV file to read. */
  readonly file: string;
  readonly format: Exclude<DatasetFormat, 'gazetteer'>;
  readonly release: string;
  readonly registry: RegistryEntries;
  /** The admin polygons, or (`boundaries`) the folder the worker reads them from itself. */
  readonly polygons?: readonly AdminPolygon[];
  readonly boundaries?: string;
  /** Steps per message. */
  readonly batchRows: number;
  /** Batches the worker may post before the main thread asks for more. */
  readonly inFlight: number;
}

/**
 * What the worker posts, in order: batches of steps (each with the bytes of the file read so
 * far), then exactly one of `end`, `unreadable` (the rows before it were posted), `refused`
 * (an `ApplicationError`, e.g. a header without the format's columns) or `failed` (a bug).
 * The main thread answers each batch it has taken with `'more'`.
 */
export type PlanWorkerMessage =
  | { readonly kind: 'steps'; readonly steps: readonly RowStep[]; readonly bytesRead: number }
  | { readonly kind: 'end'; readonly bytesRead: number }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'refused'; readonly code: ApplicationErrorCode; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The planning thread of a dataset import (`planningThread.ts` starts it): reads the CSV, maps
 * and plans each row (`plannedRows`) against its own `RegistryIndex`, and posts the steps in
 * batches, never more than `inFlight` ahead of the main thread (memory stays bounded).
 */
const run = async (port: NonNullable<typeof parentPort>, data: PlanWorkerData): Promise<void> => {
  let credit = data.inFlight;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    wake?.();
  });
  const post = (message: PlanWorkerMessage) => port.postMessage(message);
  let input: ReadStream | undefined;
  let bytesRead = 0;
  let batch: RowStep[] = [];
  const send = async () => {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    post({ kind: 'steps', steps: batch, bytesRead });
    batch = [];
  };
  try {
    const polygons = data.polygons ?? (data.boundaries ? await loadAdminPolygons(data.boundaries) : []);
    const index = new RegistryIndex(data.registry, polygons);
    // Opened only now, and given to its parser in the same turn: a flowing stream read while the
    // polygons load would lose its first chunks.
    input = createReadStream(data.file);
    input.on('data', (chunk) => {
      bytesRead += chunk.length;
    });
    for await (const step of plannedRows(data.format, data.release, csvRows(input), index)) {
      batch.push(step);
      if (batch.length >= data.batchRows) await send();
    }
    if (batch.length > 0) await send();
    post({ kind: 'end', bytesRead });
  } catch (error) {
    // The rows planned before the failure are written before it is reported, as in one thread.
    if (batch.length > 0) await send();
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UnreadableFile) post({ kind: 'unreadable', message });
    else if (error instanceof ApplicationError) post({ kind: 'refused', code: error.code, message });
    else post({ kind: 'failed', message: error instanceof Error ? (error.stack ?? message) : message });
  } finally {
    input?.destroy();
  }
};

if (parentPort) await run(parentPort, workerData as PlanWorkerData);
