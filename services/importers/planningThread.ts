import { Worker } from 'node:worker_threads';
import { ApplicationError } from '../applicationError.js';
import { workerScript } from '../threads/typescriptWorker.js';
import type { RowStep } from './plannedRows.js';
import { UnreadableFile } from './plannedRows.js';
import type { PlanWorkerData, PlanWorkerMessage } from './planWorker.js';

/**
 * A dataset CSV's rows, read, mapped and planned in a worker thread (`planWorker.ts`) while
 * the caller writes: the same steps, in the same order, as `plannedRows` gives in one thread.
 * The worker posts `batchRows` steps per message and at most `inFlight` batches ahead; the
 * next is asked for once the caller has taken every step of one. Throws as `plannedRows`
 * does (`invalid_dataset`, `UnreadableFile` after the rows before it), and a plain `Error`
 * when the worker fails or stops (a 500-class `import_failed` for the HTTP job) — never
 * hangs. The worker is ended when the caller stops iterating (`return()`), whatever the cause.
 */
export async function* planningThread(
  data: Omit<PlanWorkerData, 'batchRows' | 'inFlight'> & Partial<Pick<PlanWorkerData, 'batchRows' | 'inFlight'>>,
  onBytesRead?: (bytes: number) => void,
): AsyncGenerator<RowStep> {
  const workerData: PlanWorkerData = { batchRows: 100, inFlight: 8, ...data };
  // A small young generation: the worker's garbage is short-lived plans, and a second isolate at
  // V8's default sizes took the import past its 500 MiB RSS target (516 MiB; 467 with this).
  const { script, options } = workerScript(import.meta.url, 'planWorker');
  const worker = new Worker(script, {
    ...options,
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  const inbox: (PlanWorkerMessage | Error)[] = [];
  let wake: (() => void) | undefined;
  const deliver = (message: PlanWorkerMessage | Error) => {
    inbox.push(message);
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: PlanWorkerMessage) => deliver(message));
  worker.on('messageerror', (error) =>
    deliver(new Error(`the planning worker sent a message that could not be read: ${error.message}`)),
  );
  worker.on('error', (error) => deliver(new Error(`the planning worker failed: ${error.message}`)));
  worker.on('exit', (code) => deliver(new Error(`the planning worker stopped (exit code ${code}) before the end of the file`)));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message instanceof Error) throw message;
      switch (message.kind) {
        case 'steps':
          onBytesRead?.(message.bytesRead);
          yield* message.steps;
          worker.postMessage('more');
          break;
        case 'end':
          onBytesRead?.(message.bytesRead);
          return;
        case 'unreadable':
          throw new UnreadableFile(message.message);
        case 'refused':
          throw new ApplicationError(message.code, message.message);
        case 'failed':
          throw new Error(`the planning worker failed: ${message.message}`);
      }
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
