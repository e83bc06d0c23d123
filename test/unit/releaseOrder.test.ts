import { describe, expect, it } from 'vitest';
import { compareReleases, isOlderRelease } from '../../domain/datasets/releaseOrder.js';

describe('compareReleases', () => {
  it('orders UCDP releases (YY.N) and candidates (YY.0.N) numerically, and ACLED export dates as dates', () => {
    const ordered = ['19.1', '23.0.1', '23.0.2', '23.0.12', '23.1', '23.2', '23.10', '24.1'];
    expect([...ordered].reverse().sort(compareReleases)).toEqual(ordered);
    expect(['2024-12-01', '2023-12-31', '2024-05-01'].sort(compareReleases)).toEqual(['2023-12-31', '2024-05-01', '2024-12-01']);
  });

  it('a release is not older than itself; 19.1 is older than 23.1, 23.2 older than 23.10', () => {
    expect(compareReleases('23.1', '23.1')).toBe(0);
    expect(isOlderRelease('23.1', '23.1')).toBe(false);
    expect(isOlderRelease('19.1', '23.1')).toBe(true);
    expect(isOlderRelease('23.10', '23.2')).toBe(false);
    expect(isOlderRelease('23.2', '23.10')).toBe(true);
  });
});
