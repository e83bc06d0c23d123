import { allNames, type Names } from '../names.js';
import type { FoldedText } from './foldText.js';
import { type CompiledPatterns, compilePatterns, findPatterns, type PatternHit, type PatternSpec } from './patterns.js';

/**
 * The registry as a dictionary for running text (issue 15 §2, after the geoparsers
 * CLIFF-CLAVIN and Mordecai: match the text against a gazetteer, then resolve). Places,
 * actors and sources, each by every name it has (en, ar, variants), plus two derived
 * aliases Arabic reporting uses:
 * - an administrative area without its type word: `محافظة الرقة` is also `الرقة` ("the
 *   governorates of Deir ez-Zor and Raqqa"), Raqqa Governorate also "Raqqa";
 * - a name without its closing nisba adjective: `الحرس الثوري الإيراني` is also `الحرس
 *   الثوري` (kept only when two words remain, so `الجيش الروسي` does not become `الجيش`).
 * A derived alias yields to a registered name: `دير الزور` is the city, and the governorate
 * only where a cue says so ("محافظة", "ريف"; `suggest.ts`). An alias two entities derive alike
 * is dropped, not guessed.
 */
export type EntityType = 'place' | 'actor' | 'source';

export interface GazetteerEntity {
  readonly type: EntityType;
  readonly id: string;
  readonly names: Names;
  /** Place kind (`city`, `governorate`…) or actor kind. */
  readonly kind: string;
  readonly parentId?: string;
}

export interface Candidate {
  readonly type: EntityType;
  readonly id: string;
  /** `name` for a registered spelling; `area` and `nisba` for the derived aliases above. */
  readonly via: 'name' | 'area' | 'nisba';
}

export interface Gazetteer {
  readonly entities: ReadonlyMap<string, GazetteerEntity>;
  readonly patterns: CompiledPatterns<Candidate>;
}

/** A name found in the text: its span and what it may refer to, best first. */
export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
  readonly prefix: string;
  readonly candidates: readonly Candidate[];
}

export const entityKey = (type: EntityType, id: string) => `${type}:${id}`;

const AREA_WORDS_AR = /^(?:محافظة|منطقة|ناحية)\s+(.+)$/;
const AREA_WORDS_EN = /^(.+?)\s+(?:governorate|district|sub-?district|province)$/i;
const NISBA = /^ال\S+ي$/;

const derivedAliases = (entity: GazetteerEntity): { text: string; via: 'area' | 'nisba' }[] => {
  const found: { text: string; via: 'area' | 'nisba' }[] = [];
  for (const name of allNames(entity.names)) {
    const trimmed = name.trim();
    const area = entity.type === 'place' ? (AREA_WORDS_AR.exec(trimmed) ?? AREA_WORDS_EN.exec(trimmed)) : null;
    if (area?.[1]) found.push({ text: area[1], via: 'area' });
    const words = trimmed.split(/\s+/);
    if (words.length >= 3 && NISBA.test(words.at(-1)!)) found.push({ text: words.slice(0, -1).join(' '), via: 'nisba' });
  }
  return found;
};

/** Build the dictionary; pure and deterministic (the services cache it per registry state). */
export const buildGazetteer = (entities: Iterable<GazetteerEntity>): Gazetteer => {
  const byKey = new Map<string, GazetteerEntity>();
  const specs: PatternSpec<Candidate>[] = [];
  const derived = new Map<string, Map<string, Candidate>>();
  for (const entity of entities) {
    byKey.set(entityKey(entity.type, entity.id), entity);
    for (const name of allNames(entity.names))
      specs.push({ text: name, value: { type: entity.type, id: entity.id, via: 'name' } });
    for (const { text, via } of derivedAliases(entity)) {
      const owners = derived.get(text) ?? new Map<string, Candidate>();
      owners.set(entityKey(entity.type, entity.id), { type: entity.type, id: entity.id, via });
      derived.set(text, owners);
    }
  }
  for (const [text, owners] of derived) if (owners.size === 1) specs.push({ text, value: [...owners.values()][0]! });
  return { entities: byKey, patterns: compilePatterns(specs) };
};

const VIA_RANK = { name: 0, area: 1, nisba: 1 } as const;

/**
 * Every name of the registry in the text. Overlapping matches: the longest wins ("مجلس دير
 * الزور العسكري" is the council, not the city in its name); the candidates of that span are
 * every entity with that spelling, registered names before derived aliases.
 */
export const findMentions = (gazetteer: Gazetteer, t: FoldedText, original: string): Mention[] => {
  const hits = findPatterns(gazetteer.patterns, t, original);
  const spans = new Map<string, PatternHit<Candidate>[]>();
  for (const hit of hits) {
    const key = `${hit.from}:${hit.to}`;
    const same = spans.get(key);
    if (same) same.push(hit);
    else spans.set(key, [hit]);
  }
  const bySize = [...spans.values()].sort((a, b) => b[0]!.to - b[0]!.from - (a[0]!.to - a[0]!.from) || a[0]!.from - b[0]!.from);
  const kept: Mention[] = [];
  for (const group of bySize) {
    const first = group[0]!;
    if (kept.some((m) => first.from < m.to && m.from < first.to)) continue;
    const seen = new Set<string>();
    const candidates = group
      .map((h) => h.value)
      .sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via])
      .filter((c) => {
        const key = entityKey(c.type, c.id);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    kept.push({ start: first.start, end: first.end, from: first.from, to: first.to, prefix: first.prefix, candidates });
  }
  return kept.sort((a, b) => a.from - b.from);
};

/** Whether `ancestorId` is a strict ancestor of `id` in the tree of its type (places, or actors by `parentId`). */
export const isAncestor = (gazetteer: Gazetteer, type: EntityType, ancestorId: string, id: string): boolean => {
  let current = gazetteer.entities.get(entityKey(type, id))?.parentId;
  for (let guard = 0; current !== undefined && guard < 64; guard++) {
    if (current === ancestorId) return true;
    current = gazetteer.entities.get(entityKey(type, current))?.parentId;
  }
  return false;
};
