import { CLAIMS_VERSION, type ClaimsState, evolveClaims, initialClaimsState } from './claims.js';
import type { Envelope, Projection } from './envelope.js';
import { type IdempotencyState, idempotencyProjection } from './idempotency.js';
import { type RegistryState, registryProjection } from './registry.js';

/**
 * Every read model the service keeps, folded together in one pass over the log, so they
 * always reflect the same position and are checkpointed together.
 */
export interface LedgerState {
  readonly registry: RegistryState;
  readonly claims: ClaimsState;
  readonly idempotency: IdempotencyState;
}

const parts = [registryProjection, idempotencyProjection] as const;

export const ledgerProjection: Projection<LedgerState> = {
  name: 'ledger',
  // A change to any part's version changes this one, so stale snapshots are rebuilt.
  version: parts.reduce((v, p) => v * 100 + p.version, CLAIMS_VERSION),
  initialState: () => ({
    registry: registryProjection.initialState(),
    claims: initialClaimsState(),
    idempotency: idempotencyProjection.initialState(),
  }),
  evolve(state, envelope: Envelope) {
    // Claims first: its fold reads only what earlier events registered, and it is where a
    // malformed stored event would throw — before any other part has changed.
    evolveClaims(state.claims, envelope, state.registry);
    registryProjection.evolve(state.registry, envelope);
    idempotencyProjection.evolve(state.idempotency, envelope);
    return state;
  },
};
