import { foldName } from '../../domain/nameFolding.js';

/** Distinct names kept before the cache starts again: a bound on memory, far above a release's distinct names. */
const MAX_ENTRIES = 100_000;

/**
 * `foldName(name).key`, remembered: an import looks up the same few thousand names (places,
 * actors, sources) for every one of hundreds of thousands of rows, and folding is the
 * costliest step of a lookup. Bounded: past `MAX_ENTRIES` names the cache is emptied and
 * fills again, so a file of unusual variety costs time, never unbounded memory.
 */
export class FoldedKeys {
  readonly #keys = new Map<string, string>();

  of(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      if (this.#keys.size >= MAX_ENTRIES) this.#keys.clear();
      key = foldName(name).key;
      this.#keys.set(name, key);
    }
    return key;
  }
}
