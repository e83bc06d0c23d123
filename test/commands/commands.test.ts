import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordClaim } from '../../domain/claims/commands.js';
import { RegisterSource } from '../../domain/sources/commands.js';
import { ApplicationError } from '../../services/applicationError.js';
import { recordClaim } from '../../services/commands/recordClaim.js';
import { recordClaimBatch } from '../../services/commands/recordClaimBatch.js';
import { registerEntity } from '../../services/commands/registerEntity.js';
import { reviseReliability } from '../../services/commands/reviseReliability.js';
import type { WriteContext } from '../../services/commands/writeContext.js';
import { aControlClaim, aSource, givenRegistry } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * The commands are the application layer every caller shares — HTTP, the CLI, loaders:
 * plain data in (a `WriteContext` and the command's input), plain data out, and refusals as
 * `ApplicationError`s with stable codes, never HTTP statuses.
 */
let given: GivenApp;
beforeEach(async () => {
  given = await givenApp();
});
afterEach(() => given.close());

const cli: WriteContext = { principal: 'cli-import', causationId: 'run-1', correlationId: 'nightly-import' };

/** The application error `work` fails with, after checking it wrote nothing. */
const refusal = async (work: () => Promise<unknown>): Promise<ApplicationError> => {
  const head = await given.head();
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationError);
  expect(await given.head()).toBe(head);
  return error as ApplicationError;
};

describe('commands, called without HTTP', () => {
  it('register an entity with the metadata of the write context, and answer a repeat as created: false', async () => {
    const source = RegisterSource.parse(aSource());
    const first = await registerEntity(given.ledger, cli, { type: 'RegisterSource', data: source });
    expect(first).toMatchObject({ created: true, replayed: false, revision: 0n, value: { streamId: 'source-al-furat-post' } });
    const [event] = await given.store.readStream('source-al-furat-post');
    expect(event!.metadata).toEqual({ principal: 'cli-import', causationId: 'run-1', correlationId: 'nightly-import' });
    const again = await registerEntity(given.ledger, cli, { type: 'RegisterSource', data: source });
    expect(again).toMatchObject({ created: false, replayed: false, value: first.value });
  });

  it('refuse a stale If-Match with precondition_failed and the current revision', async () => {
    await registerEntity(given.ledger, cli, { type: 'RegisterSource', data: RegisterSource.parse(aSource()) });
    const error = await refusal(() =>
      reviseReliability(given.ledger, { ...cli, ifMatch: [3n] }, 'al-furat-post', { reliability: 'B', reason: 'x' }),
    );
    expect(error).toMatchObject({ code: 'precondition_failed', extensions: { currentRevision: '0' } });
  });

  it('with an idempotency key, replay the first answer, and refuse the key for another request', async () => {
    await givenRegistry(given);
    const { id: _, ...claim } = RecordClaim.parse(aControlClaim());
    const keyed: WriteContext = { ...cli, idempotency: { key: 'row-17', requestHash: 'hash-of-row-17' } };
    const first = await recordClaim(given.ledger, keyed, claim);
    expect(first).toMatchObject({ created: true, replayed: false });
    const retry = await recordClaim(given.ledger, keyed, claim);
    expect(retry).toMatchObject({ created: false, replayed: true, value: first.value });
    const other = { ...keyed, idempotency: { key: 'row-17', requestHash: 'hash-of-row-18' } };
    expect(await refusal(() => recordClaim(given.ledger, other, { ...claim, share: 0.5 }))).toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  it('refuse If-Match on a batch, and a batch naming one claim id twice, naming the repeat', async () => {
    await givenRegistry(given);
    const claim = RecordClaim.parse(aControlClaim());
    expect(await refusal(() => recordClaimBatch(given.ledger, { ...cli, ifMatch: '*' }, [claim]))).toMatchObject({
      code: 'if_match_not_supported',
    });
    expect(await refusal(() => recordClaimBatch(given.ledger, cli, [claim, claim]))).toMatchObject({
      code: 'batch_rejected',
      fields: [{ field: '/claims/1/id', in: 'body', message: 'same claim id as claims/0' }],
    });
  });
});
