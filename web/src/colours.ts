import type { Actor, PlaceControl } from './api.js';

/**
 * A colour per controlling actor. An actor with a parent (the Deir ez-Zor Military Council
 * within the SDF) takes its root's colour, as control maps colour by force; colours come from
 * the conventions of control maps where they apply (SDF yellow, ISIS dark grey, government
 * red), else from a qualitative palette by a hash of the root's id, probing past colours
 * already taken, so they stay the same from one visit to the next. Contested places are filled with stripes
 * whose widths follow the shares (SVG patterns, defined once per mix); unknown is grey.
 */
const PALETTE = [
  '#e6a700',
  '#1f6fb4',
  '#c62828',
  '#2e7d32',
  '#6a3d9a',
  '#e65100',
  '#00838f',
  '#ad1457',
  '#5d4037',
  '#827717',
  '#283593',
  '#00695c',
  '#9e9d24',
  '#4e342e',
  '#7b1fa2',
  '#37474f',
];
export const UNKNOWN = '#9aa0a6';
export const UNATTRIBUTED = '#d9d9d9';

/**
 * The colours control-of-terrain maps (ISW/CTP, the Carter Center, syriaweek.info) have made
 * familiar, for the actors they usually show, found by id or by a name variant.
 */
const CONVENTIONAL: readonly { readonly names: readonly string[]; readonly colour: string }[] = [
  { names: ['sdf', 'syrian-democratic-forces'], colour: '#e6a700' },
  { names: ['isis', 'isil', 'islamic-state', 'daesh'], colour: '#37474f' },
  { names: ['syrian-government', 'syrian-arab-army', 'saa', 'assad government'], colour: '#c62828' },
  { names: ['russian-armed-forces', 'russia', 'russian army'], colour: '#6a3d9a' },
  { names: ['irgc', 'islamic-revolutionary-guard-corps'], colour: '#2e7d32' },
  { names: ['hts', 'hayat-tahrir-al-sham'], colour: '#5d4037' },
  { names: ['sna', 'syrian-national-army', 'turkey', 'turkish-armed-forces'], colour: '#00838f' },
  { names: ['international-coalition', 'coalition', 'cjtf-oir'], colour: '#1f6fb4' },
];

const conventionalColour = (actor: Actor | undefined, id: string) => {
  const names = [id, ...(actor ? [actor.names.en, ...actor.names.variants] : [])].map((n) => n.toLowerCase());
  return CONVENTIONAL.find((c) => c.names.some((n) => names.includes(n)))?.colour;
};

const hash = (text: string) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

export class Colours {
  private readonly byRoot = new Map<string, string>();
  private readonly patterns = new Map<string, string>();
  private actors = new Map<string, Actor>();

  constructor(private readonly defs: SVGDefsElement) {}

  setActors(actors: Iterable<Actor>) {
    this.actors = new Map([...actors].map((a) => [a.id, a]));
    const roots = [...new Set([...this.actors.keys()].map((id) => this.rootOf(id)))].sort();
    const taken = new Set<number>();
    for (const root of roots) {
      const conventional = this.byRoot.get(root) ?? conventionalColour(this.actors.get(root), root);
      if (conventional) {
        this.byRoot.set(root, conventional);
        taken.add(PALETTE.indexOf(conventional));
      }
    }
    for (const root of roots) {
      if (this.byRoot.has(root)) continue;
      let index = hash(root) % PALETTE.length;
      for (let probe = 0; probe < PALETTE.length && taken.has(index); probe++) index = (index + 1) % PALETTE.length;
      taken.add(index);
      this.byRoot.set(root, PALETTE[index]!);
    }
  }

  /** The actor at the top of its parent chain. */
  rootOf(actorId: string): string {
    let id = actorId;
    for (let depth = 0; depth < 20; depth++) {
      const parent = this.actors.get(id)?.parentId;
      if (!parent || !this.actors.has(parent)) break;
      id = parent;
    }
    return id;
  }

  of(actorId: string): string {
    return this.byRoot.get(this.rootOf(actorId)) ?? PALETTE[hash(this.rootOf(actorId)) % PALETTE.length]!;
  }

  /** The fill of a place's state: a colour, a striped pattern (`url(#…)`), or grey. */
  fillOf(control: PlaceControl | undefined): string {
    if (!control || control.status === 'unknown' || control.shares.length === 0) return UNKNOWN;
    if (control.status === 'controlled') return this.of(control.shares[0]!.actorId);
    return `url(#${this.pattern(control)})`;
  }

  /** Stripes at 45°, each actor's width its share (rounded to 5%), the unattributed rest light grey. */
  private pattern(control: PlaceControl): string {
    const stripes = [...control.shares]
      .sort((a, b) => b.share - a.share)
      .map((s) => ({ colour: this.of(s.actorId), width: Math.max(1, Math.round(s.share * 20)) }));
    const used = stripes.reduce((n, s) => n + s.width, 0);
    if (used < 20) stripes.push({ colour: UNATTRIBUTED, width: 20 - used });
    const key = stripes.map((s) => `${s.colour}:${s.width}`).join('|');
    const known = this.patterns.get(key);
    if (known) return known;
    const id = `contested-${this.patterns.size}`;
    const ns = 'http://www.w3.org/2000/svg';
    const pattern = document.createElementNS(ns, 'pattern');
    const total = stripes.reduce((n, s) => n + s.width, 0);
    pattern.setAttribute('id', id);
    pattern.setAttribute('patternUnits', 'userSpaceOnUse');
    pattern.setAttribute('width', String(total / 2));
    pattern.setAttribute('height', '10');
    pattern.setAttribute('patternTransform', 'rotate(45)');
    let x = 0;
    for (const s of stripes) {
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(x / 2));
      rect.setAttribute('y', '0');
      rect.setAttribute('width', String(s.width / 2));
      rect.setAttribute('height', '10');
      rect.setAttribute('fill', s.colour);
      pattern.append(rect);
      x += s.width;
    }
    this.defs.append(pattern);
    this.patterns.set(key, id);
    return id;
  }
}
