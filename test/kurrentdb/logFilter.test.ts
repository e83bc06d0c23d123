import { describe, expect, it } from 'vitest';
import { categoryOf, compileLogFilter, escapeRegex } from '../../services/eventstore/kurrentdb/logFilter.js';

const event = (streamId: string, type = 'ClaimRecorded') => ({ streamId, type });
const regexOf = (filter: ReturnType<typeof compileLogFilter>['server']) => ('regex' in filter ? filter.regex : undefined);
/** The server regex, run the way the server does (a search, anchored by the pattern itself). */
const serverMatches = (filter: ReturnType<typeof compileLogFilter>, value: string) =>
  new RegExp(regexOf(filter.server)!).test(value);

describe('log filters compiled for KurrentDB', () => {
  it('without a filter: the server excludes system events, and so does the client side', () => {
    const filter = compileLogFilter(undefined);
    expect(filter.server).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(filter.matches(event('claim-1'))).toBe(true);
    expect(filter.matches(event('$ce-claim', '$>'))).toBe(false);
    // A user-typed event in a system stream (a projection's emit) is a system event too.
    expect(filter.matches(event('$projections-x', 'Emitted'))).toBe(false);
  });

  it('categories: a stream-name regex matching the exact category, dash-less stream ids included', () => {
    const filter = compileLogFilter({ categories: ['claim', 'place'] });
    expect(filter.server).toMatchObject({ filterOn: 'streamName', regex: '^(?:claim|place)(?:-|$)' });
    for (const id of ['claim-1', 'place-al-susa', 'claim']) {
      expect(serverMatches(filter, id), id).toBe(true);
      expect(filter.matches(event(id)), id).toBe(true);
    }
    for (const id of ['claims-1', 'claimx', 'actor-claim-1', '$ce-claim']) {
      expect(serverMatches(filter, id), id).toBe(false);
      expect(filter.matches(event(id)), id).toBe(false);
    }
  });

  it('types: an event-type regex of exact names (no prefix matches)', () => {
    const filter = compileLogFilter({ types: ['ClaimRecorded', 'ClaimCorrected'] });
    expect(filter.server).toMatchObject({ filterOn: 'eventType', regex: '^(?:ClaimRecorded|ClaimCorrected)$' });
    expect(serverMatches(filter, 'ClaimRecorded')).toBe(true);
    expect(serverMatches(filter, 'ClaimRecordedV2')).toBe(false);
    expect(filter.matches(event('claim-1', 'ClaimCorrected'))).toBe(true);
    expect(filter.matches(event('claim-1', 'ClaimRetracted'))).toBe(false);
  });

  it('both: categories on the server (one kind only), types checked on the client', () => {
    const filter = compileLogFilter({ categories: ['claim'], types: ['ClaimRetracted'] });
    expect(filter.server).toMatchObject({ filterOn: 'streamName' });
    expect(filter.matches(event('claim-1', 'ClaimRetracted'))).toBe(true);
    expect(filter.matches(event('claim-1', 'ClaimRecorded'))).toBe(false);
    expect(filter.matches(event('place-1', 'ClaimRetracted'))).toBe(false);
  });

  it('a given but empty list, or only categories with a dash, matches nothing', () => {
    expect(compileLogFilter({ categories: [] }).matchesNothing).toBe(true);
    expect(compileLogFilter({ types: [] }).matchesNothing).toBe(true);
    expect(compileLogFilter({ categories: ['claim-x'] }).matchesNothing).toBe(true);
    expect(compileLogFilter({ categories: ['claim'], types: [] }).matches(event('claim-1'))).toBe(false);
    expect(compileLogFilter({ categories: ['claim-x', 'claim'] }).matches(event('claim-x-1'))).toBe(true);
  });

  it('escapes regex syntax, so a name is matched literally', () => {
    expect(escapeRegex('a.b*c(d)[e]{f}|g?h+i^j$k\\l')).toBe('a\\.b\\*c\\(d\\)\\[e\\]\\{f\\}\\|g\\?h\\+i\\^j\\$k\\\\l');
    const filter = compileLogFilter({ types: ['Odd.Type+1'] });
    expect(serverMatches(filter, 'Odd.Type+1')).toBe(true);
    expect(serverMatches(filter, 'OddXType11')).toBe(false);
  });

  it('takes the category up to the first dash', () => {
    expect(categoryOf('claim-abc-def')).toBe('claim');
    expect(categoryOf('standalone')).toBe('standalone');
  });
});
