import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../domain/events.js';
import { alFuratPostRegistered } from './support/workedExample.js';

describe('decodeEvent', () => {
  it('decodes a stored event into its domain shape', () => {
    expect(decodeEvent('SourceRegistered', 1, alFuratPostRegistered.data)).toEqual({ ok: true, event: alFuratPostRegistered });
  });

  it('fills the defaults an older writer may have left out', () => {
    const { variants: _, ...name } = alFuratPostRegistered.data.name;
    const result = decodeEvent('SourceRegistered', 1, { ...alFuratPostRegistered.data, name });
    expect(result.ok && result.event.type === 'SourceRegistered' && result.event.data.name.variants).toEqual([]);
  });

  it('refuses an unknown type', () => {
    expect(decodeEvent('SourceDeleted', 1, {})).toMatchObject({ ok: false, reason: 'unknown_type' });
  });

  it.each([0, 2, 1.5, -1, Number.NaN])('refuses schemaVersion %s of a type at version 1', (version) => {
    expect(decodeEvent('SourceRegistered', version, alFuratPostRegistered.data)).toMatchObject({
      ok: false,
      reason: 'unknown_version',
    });
  });

  it.each([
    ['a missing field', { ...alFuratPostRegistered.data, reliability: undefined }],
    ['a value outside its vocabulary', { ...alFuratPostRegistered.data, reliability: 'G' }],
    ['an invalid id', { ...alFuratPostRegistered.data, sourceId: 'Al Furat' }],
    ['no object at all', 'SourceRegistered'],
  ])('refuses data with %s', (_name, data) => {
    expect(decodeEvent('SourceRegistered', 1, data)).toMatchObject({ ok: false, reason: 'invalid_data' });
  });

  it('does not mistake inherited properties for event types', () => {
    expect(decodeEvent('toString', 1, {})).toMatchObject({ ok: false, reason: 'unknown_type' });
  });
});
