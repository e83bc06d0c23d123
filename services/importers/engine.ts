import { createReadStream } from 'node:fs';
import { datasetClaimId } from '../../domain/claims/datasetClaimId.js';
import { countryPlace, gazetteerCsvPlace, gazetteerDbfPlace } from '../../domain/datasets/gazetteer.js';
import { DATASET_LABELS } from '../../domain/datasets/releaseDiff.js';
import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import type { RegisterPlace } from '../../domain/places/commands.js';
import type { RegistryState } from '../../projections/registry.js';
import { ApplicationError } from '../applicationError.js';
import { onStream, type StreamCommand } from '../commands/executeMany.js';
import type { WriteContext } from '../commands/writeContext.js';
import type { WriteSide } from '../commands/writeSide.js';
import type { EventStore } from '../eventstore/port.js';
import { BatchWriter, type PendingRow } from './batchWriter.js';
import { csvRows, type SourceRow } from './csvRows.js';
import { type OutcomeCell, recordOrCorrect, retractDeleted } from './datasetCommands.js';
import { type AdminPolygon, loadAdminPolygons } from './placeIndex.js';
import type { RowPlan } from './planDatasetRow.js';
import { type DatasetFormat, plannedRows, type RowStep, type Rows, refused, UnreadableFile } from './plannedRows.js';
import { planningThread } from './planningThread.js';
import { RegistryIndex, registryEntries } from './registryIndex.js';
import type { ReportLine, ReportWriter } from './report.js';

export { DATASET_FORMATS, type DatasetFormat, type Rows } from './plannedRows.js';

/**
 * A CSV file by its path. For ucdp-ged and acled the engine reads, maps and plans its rows in
 * a worker thread (`planningThread`) while the main thread writes the rows planned before.
 */
export interface CsvFile {
  readonly path: string;
  /** Called as the file is read, with the bytes read so far (the HTTP job's progress). */
  readonly onBytesRead?: (bytes: number) => void;
}

export interface ImportCounters {
  /** Data rows read (the header excluded), or a deletions list's lines. */
  rowsRead: number;
  claimsRecorded: number;
  unchanged: number;
  corrected: number;
  retracted: number;
  /** Rows of a release older than the one their claim reads from: the claim left as it is. */
  outdated: number;
  refused: number;
  /** Sources, actors, places and articles registered (gazetteer rows included). */
  entitiesRegistered: number;
}

export const emptyCounters = (): ImportCounters => ({
  rowsRead: 0,
  claimsRecorded: 0,
  unchanged: 0,
  corrected: 0,
  retracted: 0,
  outdated: 0,
  refused: 0,
  entitiesRegistered: 0,
});

export interface ImportInput {
  readonly format: DatasetFormat;
  /** The release the rows come from (UCDP "23.1", an ACLED export date): named in provenance and reasons. */
  readonly release: string;
  /** Rows already being read, planned on this thread; or a CSV file, a dataset's planned in a worker thread. */
  readonly source: Rows | CsvFile;
  /** The release's deletions list: external ids whose claims are retracted, each with its line number. */
  readonly deletions?: AsyncIterable<{ readonly row: number; readonly id: string }>;
  /** COD-AB admin polygons for place matching (`loadAdminPolygons`). */
  readonly polygons?: readonly AdminPolygon[];
  /**
   * Or the COD-AB boundaries folder they are read from, where the rows are planned: in the
   * planning worker for a dataset CSV given by path, so the caller never holds them (about
   * 50 MiB for Syria's three levels). Used when `polygons` is not given.
   */
  readonly boundaries?: string;
  readonly report: ReportWriter;
  /** Rows per atomic append. @defaultValue 250 */
  readonly batchSize?: number;
  /** Called after each batch with the counters so far. */
  readonly onProgress?: (counters: Readonly<ImportCounters>) => void;
  /**
   * What the ledger holds (sources, places, actors, articles), read once before the first row:
   * the read models' (`caughtUpRegistry`) or a fold of the log (`registryOfLog`).
   */
  readonly registry: () => Promise<RegistryState>;
}

/**
 * The read models' registry, once they reflect the head of the log (so an import never
 * registers what exists); `not_caught_up` after `timeoutMs`.
 */
export const caughtUpRegistry = async (side: WriteSide, timeoutMs = 60_000): Promise<RegistryState> => {
  const head = await side.store.headPosition();
  if (!(await side.follower.waitFor(head, timeoutMs))) {
    throw new ApplicationError('not_caught_up', `the read models did not reach ${head}; the import did not start`);
  }
  return side.follower.state.registry;
};

/** A registration whose outcome is `registered`, or `unchanged` when the ledger has it already. */
const registering = (command: StreamCommand, outcome: OutcomeCell): StreamCommand => ({
  streamId: command.streamId,
  prepare: async (reads) => {
    const prepared = await command.prepare(reads);
    return {
      ...prepared,
      decide: (createdEarlier) => {
        const events = prepared.decide(createdEarlier);
        outcome.value = events.length > 0 ? 'registered' : 'unchanged';
        return events;
      },
    };
  },
});

const COUNTED: Record<ReportLine['outcome'], keyof ImportCounters> = {
  recorded: 'claimsRecorded',
  registered: 'entitiesRegistered',
  unchanged: 'unchanged',
  corrected: 'corrected',
  retracted: 'retracted',
  outdated: 'outdated',
  refused: 'refused',
};

/**
 * Import a dataset file (issue 11 §4; DESIGN "Datasets and their releases"): one engine for
 * the CLI (`services/cli/importDataset.ts`) and the HTTP job (`jobs.ts`).
 * - Rows are read one at a time from a stream and written in batches of `batchSize` through
 *   the command layer (`BatchWriter`): memory is bounded by a batch, not the file.
 * - Each row is mapped by a pure function (`domain/datasets/`), its names resolved against the
 *   ledger (`RegistryIndex`), its commands checked; a row that fails is reported with its
 *   column and reason and left out, never sinking the rows around it.
 * - A claim is decided on its stream: recorded, unchanged (re-importing appends nothing), or
 *   corrected by a newer release; the deletions list retracts.
 * - Every row ends in one report line. Throws `invalid_dataset` when the file lacks a column
 *   its format needs (nothing written) or stops being readable (the rows before it are kept).
 */
export const importDataset = async (store: EventStore, write: WriteContext, input: ImportInput): Promise<ImportCounters> => {
  const counters = emptyCounters();
  const registry = await input.registry();
  const inWorker = 'path' in input.source && input.format !== 'gazetteer';
  // Polygons are read here only when the rows are planned here (a gazetteer needs none).
  const polygons =
    input.polygons ??
    (input.boundaries && !inWorker && input.format !== 'gazetteer' ? await loadAdminPolygons(input.boundaries) : []);
  let index: RegistryIndex | undefined;
  const indexed = () => {
    index ??= new RegistryIndex(registryEntries(registry), polygons);
    return index;
  };
  const writer = new BatchWriter(store, write, input.batchSize ?? 250);
  let settled: ReportLine[] = [];

  const flush = async () => {
    const { lines, registered } = await writer.flush();
    counters.entitiesRegistered += registered;
    const all = [...settled, ...lines].sort((a, b) => a.row - b.row);
    settled = [];
    for (const line of all) {
      counters[COUNTED[line.outcome]]++;
      await input.report.write(line);
    }
    input.onProgress?.(counters);
  };
  const settle = async (line: ReportLine) => {
    settled.push(line);
    if (settled.length >= writer.size) await flush();
  };
  const queue = async (row: PendingRow) => {
    if (writer.holds(row.command.streamId)) await flush();
    writer.add(row);
    if (writer.length >= writer.size) await flush();
  };

  const steps = stepsOf(input, registry, indexed);
  try {
    for (;;) {
      let next: IteratorResult<RowStep>;
      try {
        next = await steps.next();
      } catch (error) {
        if (!(error instanceof UnreadableFile)) throw error;
        // The file itself broke (text that is not CSV, a truncated table): keep what was read before it.
        await flush();
        throw new ApplicationError(
          'invalid_dataset',
          `the file stopped being readable after row ${counters.rowsRead}: ${error.message}`,
        );
      }
      if (next.done) break;
      const step = next.value;
      counters.rowsRead++;
      if ('refused' in step) await settle(step.refused);
      else if ('gazetteer' in step) await gazetteerRow(step.gazetteer, indexed(), queue, settle);
      else await datasetRow(step.planned, queue);
    }
  } finally {
    await steps.return(undefined);
  }
  await flush();

  if (input.deletions && input.format !== 'gazetteer') {
    const dataset = input.format;
    const provenance = { kind: 'dataset' as const, dataset, release: input.release };
    const reason = `${DATASET_LABELS[dataset]} ${input.release}: in the release's deletions list`;
    for await (const { row, id } of input.deletions) {
      // A deletions list's lines are the rows read: each ends in one report line, as a data row does.
      counters.rowsRead++;
      const claimId = datasetClaimId(dataset, id);
      const outcome: OutcomeCell = {};
      await queue({
        row,
        externalId: id,
        registrations: [],
        references: [],
        command: retractDeleted(streamIdOf('claim', claimId), claimId, { ...provenance, externalId: id }, reason, outcome),
        outcome,
      });
    }
    await flush();
  }
  return counters;
};

type Queue = (row: PendingRow) => Promise<void>;
type Settle = (line: ReportLine) => Promise<void>;

const datasetRow = async (
  { row, externalId, plan, notes }: { row: number; externalId: string; plan: RowPlan; notes: readonly string[] },
  queue: Queue,
) => {
  const outcome: OutcomeCell = {};
  return queue({
    row,
    externalId,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    registrations: plan.registrations,
    references: plan.references,
    command: recordOrCorrect(streamIdOf('claim', plan.claim.id), plan.claim, plan.body, outcome),
    outcome,
  });
};

/**
 * The steps of the input's rows: a dataset CSV file's planned in a worker thread, other rows
 * (a gazetteer, rows already being read) on this one, against the same registry.
 */
const stepsOf = (input: ImportInput, registry: RegistryState, indexed: () => RegistryIndex): AsyncGenerator<RowStep> => {
  const { source, format, release } = input;
  if (!('path' in source)) return plannedRows(format, release, source, indexed());
  if (format !== 'gazetteer') {
    return planningThread(
      {
        file: source.path,
        format,
        release,
        registry: registryEntries(registry),
        ...(input.polygons
          ? { polygons: input.polygons }
          : input.boundaries
            ? { boundaries: input.boundaries }
            : { polygons: [] }),
      },
      source.onBytesRead,
    );
  }
  const stream = createReadStream(source.path);
  let bytesRead = 0;
  stream.on('data', (chunk) => {
    bytesRead += chunk.length;
    source.onBytesRead?.(bytesRead);
  });
  return plannedRows(format, release, csvRows(stream), indexed());
};

const gazetteerRow = async (source: SourceRow, index: RegistryIndex, queue: Queue, settle: Settle) => {
  const isTable = 'adm0_pcode' in source.record;
  const mapped = isTable ? gazetteerDbfPlace(source.record) : gazetteerCsvPlace(source.record);
  const pcode = (source.record.pcode ?? '').trim() || undefined;
  if (!mapped.ok) return settle(refused(source.row, pcode, mapped.problems));
  const place = mapped.command;
  const existing = index.places.has(place.id)
    ? place.id
    : place.pcode !== undefined
      ? index.places.byPcode(place.pcode)
      : undefined;
  if (existing !== undefined) {
    return settle({
      row: source.row,
      externalId: place.pcode ?? place.id,
      outcome: 'unchanged',
      streamId: streamIdOf('place', existing),
    });
  }
  // The parent as the ledger knows it: by id, else by P-code (a place registered by hand with that P-code).
  const parentPcode = isTable ? undefined : (source.record.parent_pcode ?? '').trim();
  const parentId =
    place.parentId && !index.places.has(place.parentId) && parentPcode
      ? (index.places.byPcode(parentPcode) ?? place.parentId)
      : place.parentId;
  const registrations: { type: 'RegisterPlace'; data: RegisterPlace }[] = [];
  // The CSV names the country only as the parent of its governorates (`SY`): it is made from the code.
  if (parentId !== undefined && !index.places.has(parentId) && parentPcode && /^[A-Z]{2}$/i.test(parentPcode)) {
    registrations.push({ type: 'RegisterPlace', data: countryPlace(parentPcode) });
  }
  const data = { ...place, ...(parentId !== undefined ? { parentId } : {}) };
  for (const r of registrations) index.remember(r);
  index.remember({ type: 'RegisterPlace', data });
  const outcome: OutcomeCell = {};
  const streamId = streamIdOf('place', data.id);
  return queue({
    row: source.row,
    externalId: data.pcode ?? data.id,
    registrations,
    references: registrations.map((r) => streamIdOf('place', r.data.id)),
    command: registering(onStream(streamId, deciders.place, { type: 'RegisterPlace', data }), outcome),
    outcome,
  });
};
