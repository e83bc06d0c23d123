import { open, rm } from 'node:fs/promises';

/**
 * Bytes the probe writes: more than a typical append adds to the write-ahead log (a few 4 KiB
 * pages), so a disk with room for the probe likely has room for the next writes.
 */
const PROBE_BYTES = 64 * 1024;

/**
 * A writability probe for a ledger file: write and fsync a small file beside it, then remove
 * it. Fails as the ledger's own writes would: disk full (ENOSPC), I/O error (EIO), read-only
 * file system (EROFS), lost permission (EACCES).
 */
export const fileWritabilityProbe = (ledgerPath: string) => async (): Promise<void> => {
  const probe = `${ledgerPath}.probe`;
  try {
    const file = await open(probe, 'w');
    try {
      await file.writeFile(Buffer.alloc(PROBE_BYTES));
      await file.sync();
    } finally {
      await file.close();
    }
  } finally {
    await rm(probe, { force: true });
  }
};
