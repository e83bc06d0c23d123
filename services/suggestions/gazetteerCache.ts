import type { Names } from '../../domain/names.js';
import { buildGazetteer, type Gazetteer, type GazetteerEntity } from '../../domain/suggestions/gazetteer.js';
import type { RegistryState } from '../../projections/registry.js';

/**
 * The registry as a suggestion dictionary, built once per registry state: building the
 * automaton for thousands of names costs far more than a scan, and the registry changes
 * rarely next to how often an analyst asks for suggestions. The registry views are folded in
 * place (a rename replaces a view's `names`), so the cache holds every `names` object it was
 * built from and is rebuilt when any differs (one identity check per entity, no hashing).
 */
export interface GazetteerCache {
  gazetteerOf(registry: RegistryState): Gazetteer;
}

export const entitiesOf = (registry: RegistryState): GazetteerEntity[] => [
  ...[...registry.places.values()].map((p) => ({
    type: 'place' as const,
    id: p.id,
    names: p.names,
    kind: p.kind,
    ...(p.parentId !== undefined ? { parentId: p.parentId } : {}),
  })),
  ...[...registry.actors.values()].map((a) => ({
    type: 'actor' as const,
    id: a.id,
    names: a.names,
    kind: a.kind,
    ...(a.parentId !== undefined ? { parentId: a.parentId } : {}),
  })),
  ...[...registry.sources.values()].map((s) => ({ type: 'source' as const, id: s.id, names: s.name, kind: s.kind })),
];

const namesOf = (registry: RegistryState): Names[] => [
  ...[...registry.places.values()].map((p) => p.names),
  ...[...registry.actors.values()].map((a) => a.names),
  ...[...registry.sources.values()].map((s) => s.name),
];

export const gazetteerCache = (): GazetteerCache => {
  let built: { names: Names[]; gazetteer: Gazetteer } | undefined;
  return {
    gazetteerOf(registry) {
      const names = namesOf(registry);
      if (built && built.names.length === names.length && built.names.every((n, i) => n === names[i])) return built.gazetteer;
      built = { names, gazetteer: buildGazetteer(entitiesOf(registry)) };
      return built.gazetteer;
    },
  };
};
