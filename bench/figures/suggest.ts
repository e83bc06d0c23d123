import { foldText } from '../../domain/suggestions/foldText.js';
import { buildGazetteer, type GazetteerEntity } from '../../domain/suggestions/gazetteer.js';
import { suggestClaims } from '../../domain/suggestions/suggest.js';
import { ACTORS, PLACES, SOURCES } from '../../services/demo/workedExample.js';
import { readEnglishDates } from '../../services/suggestions/englishDates.js';
import { fmt, median } from '../lib/measure.js';
import { measured, valueBelow } from '../lib/rows.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'suggest',
  title: 'claim suggestions for a 1,500-word Arabic text against 10,000 places and 1,000 actors with aliases',
  unit: 'ms (p95)',
  baseline: 'one pass of the matcher alone (Aho–Corasick over the folded text), p95',
  target: '< 50 ms (p95)',
};

/** A deterministic Arabic-looking name from a number: two words of three letters each, unique per n. */
const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const word = (n: number) => `${LETTERS[n % 26]}${LETTERS[Math.floor(n / 26) % 26]}${LETTERS[Math.floor(n / 676) % 26]}ان`;
const arabicName = (n: number) => `ال${word(n)} ${word(n + 7919)}`;

const entities = (): GazetteerEntity[] => {
  const list: GazetteerEntity[] = [];
  for (const p of PLACES)
    list.push({ type: 'place', id: p.id, names: p.names, kind: p.kind, ...(p.parentId ? { parentId: p.parentId } : {}) });
  for (const a of ACTORS)
    list.push({ type: 'actor', id: a.id, names: a.names, kind: a.kind, ...(a.parentId ? { parentId: a.parentId } : {}) });
  for (const s of SOURCES) list.push({ type: 'source', id: s.id, names: s.name, kind: s.kind });
  for (let i = 0; i < 10_000 - PLACES.length; i++) {
    list.push({
      type: 'place',
      id: `place-${i}`,
      names: { en: `Place ${i}`, ar: arabicName(i), variants: [`Plaace ${i}`, `${arabicName(i)} الشرقية`] },
      kind: i % 10 === 0 ? 'subdistrict' : 'village',
      parentId: 'deir-ez-zor-governorate',
    });
  }
  for (let i = 0; i < 1_000 - ACTORS.length; i++) {
    list.push({
      type: 'actor',
      id: `actor-${i}`,
      names: {
        en: `Brigade ${i}`,
        ar: `لواء ${arabicName(20_000 + i)}`,
        variants: [`Liwa ${i}`, `كتائب ${arabicName(20_000 + i)}`],
      },
      kind: 'militia',
    });
  }
  return list;
};

/** About 1,500 words of news-like Arabic: registry names, triggers, shares, dates and filler, as articles mix them. */
const articleText = (): string => {
  const templates = [
    (i: number) =>
      `أعلن لواء ${arabicName(20_000 + (i % 900))} السيطرة على ${(i % 9) * 10 + 10} بالمئة من بلدة ${arabicName(i * 13)} أمس الثلاثاء، وفق شبكة الفرات بوست.`,
    (i: number) => `وانسحبت الميليشيات الإيرانية من قرية ${arabicName(i * 17 + 3)} لصالح الجيش الروسي قبل أسابيع.`,
    (i: number) => `وشنت مقاتلات التحالف الدولي غارات جوية على ${arabicName(i * 19 + 5)} في ريف دير الزور الشرقي.`,
    (_i: number) =>
      `وعقد الحرس الثوري الإيراني اجتماعاً مع ضباط الجيش الروسي في مدينة البوكمال لبحث الأوضاع الأمنية والخدمية في المنطقة.`,
    (_i: number) =>
      'ويرى محللون أن ما يجري في المنطقة يعكس تنافساً على النفوذ والموارد بين القوى المختلفة التي تتقاسم السيطرة على الأرض منذ سنوات طويلة.',
  ];
  const sentences: string[] = [];
  let words = 0;
  for (let i = 0; words < 1_500; i++) {
    const sentence = templates[i % templates.length]!(i);
    sentences.push(sentence);
    words += sentence.split(/\s+/).length;
  }
  return sentences.join(' ');
};

const p95 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

export const suggest: Figure = {
  name: 'suggest',
  title: row.title,
  rows: [row],
  async run(context) {
    const built = performance.now();
    const gazetteer = buildGazetteer(entities());
    const buildMs = performance.now() - built;
    const text = articleText();
    const words = text.split(/\s+/).length;
    const runs = context.quick ? 20 : 200;
    const full: number[] = [];
    const matcher: number[] = [];
    let claims = 0;
    // Warm-up: the JIT, and chrono-node's first use.
    for (let i = 0; i < 5; i++) suggestClaims({ text, publishedAt: '2018-11-14', gazetteer, readDates: readEnglishDates });
    // Alternate subject and baseline, so a drift of the machine hits both alike.
    for (let i = 0; i < runs; i++) {
      const a = performance.now();
      claims = suggestClaims({ text, publishedAt: '2018-11-14', gazetteer, readDates: readEnglishDates }).claims.length;
      full.push(performance.now() - a);
      const b = performance.now();
      gazetteer.patterns.automaton?.search(foldText(text).folded);
      matcher.push(performance.now() - b);
    }
    context.log(`suggest: ${runs} runs, ${words} words, ${claims} suggestions`);
    return [
      measured({
        ...row,
        value: p95(full),
        baselineValue: p95(matcher),
        target: valueBelow(50, 'ms (p95)'),
        notes:
          `${words} words, ${gazetteer.entities.size} entities (${gazetteer.patterns.keys.length} folded patterns), ` +
          `${claims} suggestions per run, ${runs} runs; median ${fmt(median(full), 1)} ms vs matcher ${fmt(median(matcher), 1)} ms; ` +
          `dictionary built once in ${fmt(buildMs)} ms (cached per registry state by the service)`,
      }),
    ];
  },
};
