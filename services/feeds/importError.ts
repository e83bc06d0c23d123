/**
 * Why an import was refused or stopped; `services/http/problem.ts` maps each code to a status.
 * - `invalid_export`: the file itself is wrong (not JSON, not an envelope, a gap, positions out
 *   of order, an event id used twice, data its schema refuses, an unknown type or version).
 * - `import_rule_violated`: an event the ledger's rules would not have decided (a reference to
 *   nothing, a correction of a retracted claim, …: `domain/admissibility.ts`).
 * - `invalid_recorded_at`: a knowledge-time stamp beyond the server clock, or below an earlier one.
 * - `import_conflict`: the file is fine, but the target holds other history where it would go.
 * - `import_interrupted`: another writer changed the target between the check and the appends;
 *   part of the file is written, and running the same import again completes it.
 */
export type ImportErrorCode =
  | 'invalid_export'
  | 'import_rule_violated'
  | 'invalid_recorded_at'
  | 'import_conflict'
  | 'import_interrupted';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    /** The 1-based line of the file the problem is on. */
    readonly line: number,
    /** The message, which is also the problem's `detail` and the CLI's: it says whether anything was written. */
    message: string,
  ) {
    super(message);
  }

  /** A problem found before anything was written. */
  static refused(code: Exclude<ImportErrorCode, 'import_interrupted'>, line: number, reason: string): ImportError {
    return new ImportError(code, line, `line ${line}: ${reason}; nothing was imported`);
  }
}
