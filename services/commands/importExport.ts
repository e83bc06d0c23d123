import type { EventStore } from '../eventstore/port.js';
import { type ImportSummary, importLog } from '../feeds/importLog.js';
import { type ExportCheck, validateExport } from '../feeds/validateExport.js';

export interface ImportExportOptions {
  /** The server clock: knowledge-time stamps beyond it are refused (`invalid_recorded_at`). */
  readonly now: () => Date;
  /** Called once the whole file passed its checks, before anything is appended. */
  readonly onChecked?: (check: ExportCheck) => void;
  /** Called as events are imported, with how many so far. */
  readonly onProgress?: (events: number) => void;
}

/**
 * Import an export (`GET /v1/export`, `npm run export`) into this ledger, as
 * `POST /v1/admin/import` and `npm run import` both do: two passes over the file, which is
 * why it is given as a function that reads it from the start each time. The first checks
 * everything (`validateExport`) and a refusal — an `ImportError` naming the line — changes
 * nothing; the second appends (`importLog`), keeping event ids, streams, revisions, order and
 * recordedAt. Importing twice adds nothing.
 */
export const importExport = async (
  store: EventStore,
  lines: () => AsyncIterable<string>,
  options: ImportExportOptions,
): Promise<ImportSummary> => {
  const check = await validateExport(lines(), store, { now: options.now });
  options.onChecked?.(check);
  return importLog(store, lines(), options.onProgress);
};
