import { ACLED_COLUMNS, acledEvent } from '../../domain/datasets/acled.js';
import type { MappedRow, RowProblem } from '../../domain/datasets/datasetEvent.js';
import { GAZETTEER_COLUMNS } from '../../domain/datasets/gazetteer.js';
import { UCDP_GED_COLUMNS, ucdpGedEvent } from '../../domain/datasets/ucdpGed.js';
import type { DatasetName } from '../../domain/vocabulary.js';
import { ApplicationError } from '../applicationError.js';
import type { SourceRow } from './csvRows.js';
import { planDatasetRow, type RowPlan } from './planDatasetRow.js';
import type { RegistryIndex } from './registryIndex.js';
import type { ReportLine } from './report.js';

/** The formats the importer reads (the CLI's `--format`, the HTTP job's `format=`). */
export const DATASET_FORMATS = ['ucdp-ged', 'acled', 'gazetteer'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Rows to import: a CSV's (its header known once the first row is read) or a shapefile attribute table's. */
export interface Rows {
  readonly rows: AsyncIterable<SourceRow>;
  /** The CSV header; absent for attribute tables (their fields are the codebook's by construction). */
  readonly columns?: () => readonly string[];
}

/**
 * What one data row of the file became, before anything is written — plain data, so the
 * planning worker can post it (`planWorker.ts`):
 * - `refused`: its report line (unreadable row, a field the mapping refuses, a name or command the plan refuses);
 * - `planned`: a dataset row's commands (`planDatasetRow`);
 * - `gazetteer`: a gazetteer row, planned where it is written (`engine.ts`).
 */
export type RowStep =
  | { readonly refused: ReportLine }
  | {
      readonly planned: {
        readonly row: number;
        readonly externalId: string;
        readonly plan: RowPlan;
        /** What the mapping and the plan had to cut or drop (the report line's `note`). */
        readonly notes: readonly string[];
      };
    }
  | { readonly gazetteer: SourceRow };

/** The file stopped being readable (text that is not CSV, a truncated table); the rows before it were stepped. */
export class UnreadableFile extends Error {}

const COLUMNS: Record<DatasetFormat, readonly string[]> = {
  'ucdp-ged': UCDP_GED_COLUMNS,
  acled: ACLED_COLUMNS,
  gazetteer: GAZETTEER_COLUMNS,
};

const MAPPERS: Record<DatasetName, (row: Readonly<Record<string, string>>) => MappedRow> = {
  'ucdp-ged': ucdpGedEvent,
  acled: acledEvent,
};

/**
 * Whether a CSV header has every column its format needs (the codebook's: `UCDP_GED_COLUMNS`,
 * `ACLED_COLUMNS`, `GAZETTEER_COLUMNS`). Throws `invalid_dataset` naming the missing columns,
 * or saying the file has no header row (an empty file).
 */
export const assertColumns = (format: DatasetFormat, columns: readonly string[]): void => {
  const missing = COLUMNS[format].filter((c) => !columns.includes(c));
  if (missing.length === 0) return;
  throw new ApplicationError(
    'invalid_dataset',
    columns.length === 0
      ? `the file has no header row: a ${format} CSV starts with its column names`
      : `not a ${format} file: the header lacks ${missing.join(', ')}`,
  );
};

/** A refused row's report line: the first problem's field, every problem's reason. */
export const refused = (row: number, externalId: string | undefined, problems: readonly RowProblem[]): ReportLine => ({
  row,
  ...(externalId ? { externalId } : {}),
  outcome: 'refused',
  field: problems[0]?.field ?? '',
  reason: problems.map((p) => (problems.length > 1 ? `${p.field}: ${p.reason}` : p.reason)).join('; '),
});

/**
 * The rows of a file, one step per data row, in file order: each dataset row mapped
 * (`domain/datasets/`) and planned against `index` (which remembers what the plans register,
 * so planning must see the rows in order, as here). Throws `invalid_dataset` when the header
 * lacks a column the format needs (before any step), and `UnreadableFile` when reading fails.
 */
export async function* plannedRows(
  format: DatasetFormat,
  release: string,
  source: Rows,
  index: RegistryIndex,
): AsyncGenerator<RowStep> {
  let checked = false;
  const checkColumns = () => {
    if (checked || !source.columns) return;
    checked = true;
    assertColumns(format, source.columns());
  };

  const rows = source.rows[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<SourceRow>;
    try {
      next = await rows.next();
    } catch (error) {
      throw new UnreadableFile(error instanceof Error ? error.message : String(error));
    }
    checkColumns();
    if (next.done) return;
    const row = next.value;
    if (row.problem) {
      yield { refused: refused(row.row, undefined, [{ field: '', reason: row.problem }]) };
    } else if (format === 'gazetteer') {
      yield { gazetteer: row };
    } else {
      const mapped = MAPPERS[format](row.record);
      if (!mapped.ok) {
        const externalId = (row.record.id ?? row.record.event_id_cnty)?.trim();
        yield { refused: refused(row.row, externalId, mapped.problems) };
        continue;
      }
      const { externalId } = mapped.event;
      const plan = planDatasetRow(mapped.event, index, release);
      yield 'claim' in plan
        ? { planned: { row: row.row, externalId, plan, notes: [...mapped.notes, ...plan.notes] } }
        : { refused: refused(row.row, externalId, [plan]) };
    }
  }
}
