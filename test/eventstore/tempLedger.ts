import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../../services/eventstore/port.js';
import { anEvent } from '../contract/fixture.js';

/** A ledger path in a fresh temporary directory, removed by `cleanup`. */
export const aTempLedger = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sijill-eventstore-'));
  return { dir, path: join(dir, 'ledger.db'), cleanup: () => rm(dir, { recursive: true, force: true }) };
};

export const events = (count: number): NewEvent[] => Array.from({ length: count }, () => anEvent());
