/**
 * The port's `maxCount` option, checked once for every adapter: a non-negative integer, or
 * undefined for no limit.
 */
export const checkedMaxCount = (maxCount: number | undefined): number | undefined => {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0)
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
};
