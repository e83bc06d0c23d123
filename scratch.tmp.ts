import { readFileSync } from 'node:fs';
import { buildGazetteer } from './domain/suggestions/gazetteer.js';
import { suggestClaims } from './domain/suggestions/suggest.js';
import { ACTORS, PLACES, SOURCES } from './services/demo/workedExample.js';
const g = buildGazetteer([
  ...PLACES.map((p) => ({ type: 'place' as const, id: p.id, names: p.names, kind: p.kind, ...(p.parentId ? { parentId: p.parentId } : {}) })),
  ...ACTORS.map((a) => ({ type: 'actor' as const, id: a.id, names: a.names, kind: a.kind, ...(a.parentId ? { parentId: a.parentId } : {}) })),
  ...SOURCES.map((s) => ({ type: 'source' as const, id: s.id, names: s.name, kind: s.kind })),
]);
const text = readFileSync('../shared/seed/alquds-deir-ez-zor-article.ar.txt', 'utf8');
const r = suggestClaims({ text, publishedAt: '2018-11-14', gazetteer: g });
for (const c of r.claims) console.log(c.id, c.kind, c.placeId, c.actorIds.join(','), c.share ?? '', c.inFavourOf ?? '', JSON.stringify(c.validTime), c.attributedTo ?? '', c.confidence, c.missing.join(','), c.unresolved.join(','));
console.log(r.registrations.map((x) => `${x.type}:${x.name}`).join(' | '));
console.log(r.mentions.map((m) => `${m.id}:${m.span.text}`).join(' | '));
for (const x of r.registrations) console.log(x.type, x.name, x.cue?.text, x.span.start);
