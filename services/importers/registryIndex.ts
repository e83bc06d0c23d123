import { createHash } from 'node:crypto';
import type { RegisterActor } from '../../domain/actors/commands.js';
import { clip } from '../../domain/datasets/rowFields.js';
import { slugOf } from '../../domain/datasets/slug.js';
import { allNames, type Names } from '../../domain/names.js';
import type { RegisterSource } from '../../domain/sources/commands.js';
import type { ActorKind } from '../../domain/vocabulary.js';
import type { RegistryState } from '../../projections/registry.js';
import type { Registration } from '../commands/registerEntity.js';
import { FoldedKeys } from './foldedKeys.js';
import { type AdminPolygon, type IndexedPlace, PlaceIndex } from './placeIndex.js';

/**
 * What an index is built from: the registry's entries as plain arrays, so it can be passed to
 * the planning worker (structured clone) without the rest of the read models (an article's
 * claim ids, a source's reliability history).
 */
export interface RegistryEntries {
  readonly places: readonly IndexedPlace[];
  readonly actors: readonly { readonly id: string; readonly names: Names }[];
  readonly sources: readonly { readonly id: string; readonly name: Names }[];
  readonly articles: readonly string[];
}

/** The entries of a registry an import resolves names against. */
export const registryEntries = (registry: RegistryState): RegistryEntries => ({
  places: [...registry.places.values()].map(({ id, names, kind, parentId, location, pcode }) => ({
    id,
    names,
    kind,
    ...(parentId !== undefined ? { parentId } : {}),
    ...(location !== undefined ? { location } : {}),
    ...(pcode !== undefined ? { pcode } : {}),
  })),
  actors: [...registry.actors.values()].map(({ id, names }) => ({ id, names })),
  sources: [...registry.sources.values()].map(({ id, name }) => ({ id, name })),
  articles: [...registry.articles.keys()],
});

/** Names by folded key → id: "IS", "Islamic State" and "داعش" find the same actor when it has them all. */
class NameIndex {
  readonly ids = new Set<string>();
  readonly #byKey = new Map<string, string>();

  constructor(private readonly folded: FoldedKeys) {}

  add(id: string, names: Names): void {
    this.ids.add(id);
    for (const name of allNames(names)) {
      const key = this.folded.of(name);
      if (key !== '' && !this.#byKey.has(key)) this.#byKey.set(key, id);
    }
  }

  find(name: string): string | undefined {
    const key = this.folded.of(name);
    return key === '' ? undefined : this.#byKey.get(key);
  }
}

/** The longest name a registry entry takes (`Names.en`). */
export const MAX_NAME = 200;

/**
 * The id a dataset's name gets: its slug, or — a name in a script without Latin letters
 * (Единая новостная лента, an Arabic-only name) — `{prefix}-` and a hash of it: deterministic,
 * so the next import finds it.
 */
const idOfName = (prefix: string, name: string): string =>
  slugOf(name) || `${prefix}-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 12)}`;

/**
 * The id for a name to register, or the existing entity it names; `cut` when the name was
 * longer than a registry name takes and only its first `MAX_NAME` characters were used.
 */
export type Named<C> = { id: string; register?: C; cut?: true } | { problem: string };

const cutMark = (name: string, fullName: string): { cut?: true } => (name !== fullName.trim() ? { cut: true } : {});

/**
 * What the ledger holds, as an import needs it, kept current as the import registers things:
 * sources, actors (by every name and alias, folded: domain/nameSearch.ts), articles, and the
 * places (`PlaceIndex`). Built from the read models once the follower has reached the head,
 * so the import never registers what exists.
 */
export class RegistryIndex {
  readonly places: PlaceIndex;
  readonly #folded = new FoldedKeys();
  readonly #actors = new NameIndex(this.#folded);
  readonly #sources = new NameIndex(this.#folded);
  readonly articles = new Set<string>();

  constructor(registry: RegistryEntries, polygons: readonly AdminPolygon[]) {
    this.places = new PlaceIndex(registry.places, polygons, this.#folded);
    for (const actor of registry.actors) this.#actors.add(actor.id, actor.names);
    for (const source of registry.sources) this.#sources.add(source.id, source.name);
    for (const article of registry.articles) this.articles.add(article);
  }

  /** The actor a dataset names (matched by folded name or alias first), else one to register with a slug id. */
  actor(fullName: string, kind: ActorKind): Named<RegisterActor> {
    const name = clip(fullName, MAX_NAME) ?? fullName;
    const cut = cutMark(name, fullName);
    const found = this.#actors.find(name);
    if (found !== undefined) return { id: found, ...cut };
    const id = idOfName('actor', name);
    // The same slug from another spelling is the same actor ("Şemdinli"/"Semdinli"): registered once.
    return this.#actors.ids.has(id) ? { id, ...cut } : { id, register: { id, names: { en: name, variants: [] }, kind }, ...cut };
  }

  /** The source a citation names, else one to register (reliability F: not yet judged). */
  source(fullName: string, kind: RegisterSource['kind'] = 'other'): Named<RegisterSource> {
    const name = clip(fullName, MAX_NAME) ?? fullName;
    const cut = cutMark(name, fullName);
    const found = this.#sources.find(name);
    if (found !== undefined) return { id: found, ...cut };
    const id = idOfName('source', name);
    return this.#sources.ids.has(id)
      ? { id, ...cut }
      : { id, register: { id, name: { en: name, variants: [] }, kind, reliability: 'F' }, ...cut };
  }

  /** Count a registration the import is about to write as known, so no later row registers it again. */
  remember(registration: Registration): void {
    switch (registration.type) {
      case 'RegisterSource':
        this.#sources.add(registration.data.id, registration.data.name);
        break;
      case 'RegisterActor':
        this.#actors.add(registration.data.id, registration.data.names);
        break;
      case 'RegisterPlace':
        this.places.add(registration.data);
        break;
      case 'RecordArticle':
        this.articles.add(registration.data.id);
        break;
    }
  }
}
