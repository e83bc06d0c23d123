import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decider, fold } from '../../domain/decider.js';
import { deciders } from '../../domain/deciders.js';
import { type DomainEvent, decodeEvent, type EventType } from '../../domain/events.js';
import { loadEventFixtures } from '../fixtures/eventFixtures.js';

/**
 * Replaying history must always succeed and always give the same state: evolve is a pure,
 * total function. Checked with every event shape from the golden fixtures, in arbitrary
 * orders (including follow-ups before a registration and repeated registrations).
 */
const pool: DomainEvent[] = loadEventFixtures().flatMap((f) => {
  const result = decodeEvent(String(f.type), Number(f.schemaVersion), f.data);
  return result.ok ? [result.event] : [];
});

const OWN: Record<keyof typeof deciders, EventType[]> = {
  source: ['SourceRegistered', 'SourceReliabilityRevised', 'SourceRenamed'],
  place: ['PlaceRegistered', 'PlaceRenamed'],
  actor: ['ActorRegistered', 'ActorRenamed'],
  article: ['ArticleRecorded'],
  claim: ['ClaimRecorded', 'ClaimCorrected', 'ClaimCorroborated', 'ClaimDisputed', 'ClaimRetracted'],
};

const histories = fc.array(fc.constantFrom(...pool), { maxLength: 30 });

describe.each(Object.entries(deciders) as [keyof typeof deciders, Decider<unknown, unknown>][])(
  '%s decider replay',
  (name, decider) => {
    const own = pool.filter((e) => OWN[name].includes(e.type));
    const foreign = pool.filter((e) => !OWN[name].includes(e.type));

    it('has fixtures of its own events to replay', () => {
      // Every type, at least once (a type at version 2 has a v1 and a v2 fixture).
      expect([...new Set(own.map((e) => e.type))].sort()).toEqual([...OWN[name]].sort());
    });

    it('folding any history twice gives the same state, and never throws', () => {
      fc.assert(
        fc.property(histories, (events) => {
          expect(fold(decider, events)).toEqual(fold(decider, events));
        }),
      );
    });

    it('does not mutate the state it is given', () => {
      fc.assert(
        fc.property(histories, (events) => {
          const before = fold(decider, events);
          const snapshot = structuredClone(before);
          for (const event of pool) decider.evolve(before, event);
          expect(before).toEqual(snapshot);
        }),
      );
    });

    it('foreign events leave the state as it is, before and after its own history', () => {
      const states = [decider.initialState, fold(decider, own)];
      for (const state of states) {
        for (const event of foreign) expect(decider.evolve(state, event)).toBe(state);
      }
    });

    it('its own history makes a state', () => {
      expect(fold(decider, own)).toBeDefined();
    });
  },
);
