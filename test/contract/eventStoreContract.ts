import { afterEach, beforeEach, describe } from 'vitest';
import { appendMultiCases } from './appendMultiCases.js';
import { expectedRevisionCases } from './expectedRevisionCases.js';
import type { ContractFixture, OpenFixture } from './fixture.js';
import { idempotencyCases } from './idempotencyCases.js';
import { persistenceCases } from './persistenceCases.js';
import { readAllCases } from './readAllCases.js';
import { readStreamCases } from './readStreamCases.js';
import { recordCases } from './recordCases.js';
import { subscriptionCases } from './subscriptionCases.js';

export type { ContractFixture, OpenFixture } from './fixture.js';

/**
 * The event store contract (DESIGN.md, "The event store port"): every adapter runs these
 * cases by calling this from its own test file with a way to open a fresh fixture per test.
 */
export function eventStoreContract(name: string, open: OpenFixture): void {
  describe(`${name} honours the event store contract`, () => {
    let fixture: ContractFixture | undefined;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });
    const given = (): ContractFixture => {
      if (!fixture) throw new Error('no fixture: cases run only inside the contract suite');
      return fixture;
    };
    expectedRevisionCases(given);
    idempotencyCases(given);
    appendMultiCases(given);
    readStreamCases(given);
    readAllCases(given);
    recordCases(given);
    subscriptionCases(given);
    persistenceCases(given);
  });
}
