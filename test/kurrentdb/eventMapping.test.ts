import { describe, expect, it } from 'vitest';
import { EventStoreError } from '../../services/eventstore/errors.js';
import {
  RECORDED_AT_KEY,
  SCHEMA_VERSION_KEY,
  toEventData,
  toRecordedEvent,
} from '../../services/eventstore/kurrentdb/eventMapping.js';
import type { AllStreamResolvedEvent } from '../../services/eventstore/kurrentdb/kurrentClient.js';
import type { NewEvent } from '../../services/eventstore/port.js';
import { aResolvedEvent } from './scriptedSubscriptions.js';

const aNewEvent = (over: Partial<NewEvent> = {}): NewEvent => ({
  eventId: '6f1c1f3e-2d7b-4b53-9d7c-6a8a2a7d0b11',
  type: 'ClaimRecorded',
  schemaVersion: 3,
  data: { share: 0.8, quote: { text: 'السيطرة على 80 بالمئة من بلدة السوسة', language: 'ar' } },
  metadata: { principal: 'analyst', correlationId: 'c-1', causationId: 'req-1', idempotencyKey: 'k' },
  ...over,
});

/** What the server would hand back for what was appended, at a position and time. */
const asStored = (event: NewEvent, position: bigint, created: Date): AllStreamResolvedEvent => {
  const data = toEventData(event);
  const resolved = aResolvedEvent(position);
  return {
    ...resolved,
    event: {
      ...resolved.event!,
      id: data.id,
      type: data.type,
      data: data.data,
      metadata: data.metadata,
      created,
    } as AllStreamResolvedEvent['event'],
  };
};

describe('events stored in KurrentDB and read back', () => {
  it('stores a JSON event with the port event id, and schemaVersion under a reserved metadata key', () => {
    const data = toEventData(aNewEvent());
    expect(data).toMatchObject({ id: aNewEvent().eventId, type: 'ClaimRecorded', contentType: 'application/json' });
    expect(data.metadata).toEqual({ ...aNewEvent().metadata, [SCHEMA_VERSION_KEY]: 3 });
  });

  it('reads it back as appended: schemaVersion restored, the key stripped, recordedAt from created', () => {
    const created = new Date('2026-11-25T10:11:12.345Z');
    const recorded = toRecordedEvent(asStored(aNewEvent(), 4096n, created));
    expect(recorded).toEqual({
      position: 4096n,
      streamId: 'thing-4096',
      revision: 0n,
      eventId: aNewEvent().eventId,
      type: 'ClaimRecorded',
      schemaVersion: 3,
      recordedAt: '2026-11-25T10:11:12.345Z',
      data: aNewEvent().data,
      metadata: aNewEvent().metadata,
    });
  });

  it('keeps an imported event original recordedAt in metadata and reads it back as recordedAt', () => {
    const data = toEventData(aNewEvent(), '2018-11-14T08:00:00.000Z');
    expect(data.metadata).toMatchObject({ [RECORDED_AT_KEY]: '2018-11-14T08:00:00.000Z' });
    const resolved = aResolvedEvent(5n);
    const recorded = toRecordedEvent({ ...resolved, event: { ...resolved.event!, metadata: data.metadata } });
    expect(recorded?.recordedAt).toBe('2018-11-14T08:00:00.000Z');
    expect(recorded?.metadata).not.toHaveProperty(RECORDED_AT_KEY);
  });

  it('refuses metadata that already uses a reserved key', () => {
    const metadata = { ...aNewEvent().metadata, [SCHEMA_VERSION_KEY]: 9 };
    expect(() => toEventData(aNewEvent({ metadata }))).toThrow(EventStoreError);
  });

  it('stores a missing payload as null (JSON has no undefined)', () => {
    expect(toEventData(aNewEvent({ data: undefined })).data).toBeNull();
  });

  it('reads an event written by another tool (no schemaVersion key) as version 1', () => {
    const resolved = aResolvedEvent(7n);
    expect(toRecordedEvent({ ...resolved, event: { ...resolved.event!, metadata: undefined } })).toMatchObject({
      schemaVersion: 1,
      metadata: {},
    });
  });

  it('skips system events, links and events without a body', () => {
    expect(toRecordedEvent(aResolvedEvent(8n, { type: '$>' }))).toBeUndefined();
    expect(toRecordedEvent(aResolvedEvent(9n, { streamId: '$ce-claim' }))).toBeUndefined();
    expect(toRecordedEvent({ commitPosition: 10n })).toBeUndefined();
  });
});
