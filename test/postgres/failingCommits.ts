import pg from 'pg';

/** An advisory lock key no sijill code takes (sijill uses classes 1–3 and the webhook lease class). */
const GATE: [number, number] = [9_999, 1];

/** A database whose commits of one category's events fail, as a full disk fails them (see {@link failingCommits}). */
export interface FailingCommits {
  /** How many transactions have reached their commit and wait at the gate. */
  waiting(): Promise<number>;
  /** Resolves once `count` transactions wait at the gate (polls the server; throws after `deadlineMs`). */
  untilWaiting(count: number, deadlineMs?: number): Promise<void>;
  /** Let the waiting commits go on: each one fails. */
  open(): Promise<void>;
  /** Drop the trigger ("the disk has room again") and disconnect. */
  remove(): Promise<void>;
}

/**
 * Make the COMMIT of every transaction that wrote an event of `category` fail with SQLSTATE
 * 53100 (`disk_full`, what PostgreSQL answers when it cannot extend a file), by a deferred
 * constraint trigger: it runs at COMMIT, after the append function has returned, so the
 * append's statement succeeded and only its commit fails. Each such commit first waits at a
 * gate this helper holds, so several writes can be made to be in flight at their commit at
 * once; `open()` lets them all fail together.
 */
export const failingCommits = async (connectionString: string, category: string): Promise<FailingCommits> => {
  const gate = new pg.Client({ connectionString });
  await gate.connect();
  await gate.query('SELECT pg_advisory_lock($1, $2)', GATE);
  const literal = category.replaceAll("'", "''");
  await gate.query(`
    CREATE OR REPLACE FUNCTION public.sijill_test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_advisory_lock_shared(${GATE[0]}, ${GATE[1]});
      PERFORM pg_advisory_unlock_shared(${GATE[0]}, ${GATE[1]});
      RAISE EXCEPTION 'could not extend file: No space left on device (a test''s failing commit)' USING ERRCODE = 'disk_full';
    END
    $fn$;
    DROP TRIGGER IF EXISTS sijill_test_fail_at_commit ON sijill.events;
    CREATE CONSTRAINT TRIGGER sijill_test_fail_at_commit AFTER INSERT ON sijill.events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.category = '${literal}')
      EXECUTE FUNCTION public.sijill_test_fail_at_commit();`);
  const waiting = async () => {
    const { rows } = await gate.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks
        WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND NOT granted`,
      GATE,
    );
    return Number(rows[0]!.n);
  };
  let opened = false;
  const open = async () => {
    if (opened) return;
    opened = true;
    await gate.query('SELECT pg_advisory_unlock($1, $2)', GATE);
  };
  return {
    waiting,
    async untilWaiting(count, deadlineMs = 20_000) {
      const deadline = Date.now() + deadlineMs;
      for (let seen = await waiting(); seen < count; seen = await waiting()) {
        if (Date.now() > deadline) throw new Error(`${seen} of ${count} commits reached the gate before the deadline`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    open,
    async remove() {
      await open();
      await gate.query('DROP TRIGGER IF EXISTS sijill_test_fail_at_commit ON sijill.events');
      await gate.end();
    },
  };
};
