import { describe, expect, it } from 'vitest';
import { buildGazetteer } from '../../domain/suggestions/gazetteer.js';
import { TRIGGERS } from '../../domain/suggestions/lexicon.js';
import { suggestClaims } from '../../domain/suggestions/suggest.js';
import { ACTORS, PLACES, SOURCES } from '../../services/demo/workedExample.js';
import { readEnglishDates } from '../../services/suggestions/englishDates.js';

/**
 * Each rule of the lexicon and the matcher, one short sentence each (issue 15 §3): trigger
 * words per kind in Arabic and English, attribution, shares, relative dates, Arabic folding
 * and clitics. On the worked example's registry, published Wednesday 14 November 2018.
 */
const gazetteer = buildGazetteer([
  ...PLACES.map((p) => ({
    type: 'place' as const,
    id: p.id,
    names: p.names,
    kind: p.kind,
    ...(p.parentId ? { parentId: p.parentId } : {}),
  })),
  ...ACTORS.map((a) => ({
    type: 'actor' as const,
    id: a.id,
    names: a.names,
    kind: a.kind,
    ...(a.parentId ? { parentId: a.parentId } : {}),
  })),
  ...SOURCES.map((s) => ({ type: 'source' as const, id: s.id, names: s.name, kind: s.kind })),
]);
const suggest = (text: string) =>
  suggestClaims({ text, publishedAt: '2018-11-14', gazetteer, readDates: readEnglishDates }).claims;
const only = (text: string) => {
  const claims = suggest(text);
  expect(claims, JSON.stringify(claims.map((c) => [c.kind, c.placeId, c.actorIds]))).toHaveLength(1);
  return claims[0]!;
};

describe('trigger words, one sentence per kind and language', () => {
  it.each([
    ['control', 'سيطرت قوات سوريا الديمقراطية على 80% من بلدة السوسة.', { placeId: 'al-susa', actorIds: ['sdf'], share: 0.8 }],
    ['control', 'The SDF captured 80% of al-Susa.', { placeId: 'al-susa', actorIds: ['sdf'], share: 0.8 }],
    ['withdrawal', 'انسحب تنظيم الدولة من بلدة السوسة.', { placeId: 'al-susa', actorIds: ['isis'] }],
    ['withdrawal', 'ISIS withdrew from al-Susa in favour of nobody.', { placeId: 'al-susa', actorIds: ['isis'] }],
    [
      'meeting',
      'اجتمع الحرس الثوري الإيراني مع الجيش الروسي في البوكمال.',
      { placeId: 'al-bukamal', actorIds: ['irgc', 'russian-armed-forces'] },
    ],
    [
      'meeting',
      'The IRGC met the Russian army in Al-Bukamal.',
      { placeId: 'al-bukamal', actorIds: ['irgc', 'russian-armed-forces'] },
    ],
    ['visit', 'زار وفد من النظام السوري مدينة الميادين.', { placeId: 'al-mayadin', actorIds: ['syrian-government'] }],
    ['visit', 'A Syrian government delegation visited al-Mayadin.', { placeId: 'al-mayadin', actorIds: ['syrian-government'] }],
    ['deployment', 'استقدم الجيش الروسي تعزيزات إلى الميادين.', { placeId: 'al-mayadin', actorIds: ['russian-armed-forces'] }],
    [
      'deployment',
      'The Russian army deployed units in al-Mayadin.',
      { placeId: 'al-mayadin', actorIds: ['russian-armed-forces'] },
    ],
    ['presence', 'يتواجد الحرس الثوري الإيراني في محكان.', { placeId: 'mahkan', actorIds: ['irgc'] }],
    ['presence', 'The IRGC is present in Mahkan.', { placeId: 'mahkan', actorIds: ['irgc'] }],
    ['attack', 'هاجم تنظيم داعش حاجزاً في السوسة.', { placeId: 'al-susa', actorIds: ['isis'] }],
    ['attack', 'ISIS attacked a checkpoint in al-Susa.', { placeId: 'al-susa', actorIds: ['isis'] }],
    ['airstrike', 'شن التحالف الدولي غارات على السوسة.', { placeId: 'al-susa', actorIds: ['international-coalition'] }],
    ['airstrike', 'Coalition air strikes hit al-Susa.', { placeId: 'al-susa', actorIds: ['international-coalition'] }],
    ['killing', 'قتل عنصران من قسد في الميادين.', { placeId: 'al-mayadin', actorIds: ['sdf'] }],
    ['killing', 'Two SDF fighters were killed in al-Mayadin.', { placeId: 'al-mayadin', actorIds: ['sdf'] }],
    ['arrest', 'اعتقلت قسد شخصين في السوسة.', { placeId: 'al-susa', actorIds: ['sdf'] }],
    ['arrest', 'The SDF arrested two men in al-Susa.', { placeId: 'al-susa', actorIds: ['sdf'] }],
  ] as const)('%s: %s', (kind, text, fields) => {
    expect(only(text)).toMatchObject({ kind, ...fields });
  });

  it('every kind has Arabic and English triggers', () => {
    for (const [kind, forms] of Object.entries(TRIGGERS)) {
      expect(forms.ar.length, kind).toBeGreaterThan(0);
      expect(forms.en.length, kind).toBeGreaterThan(0);
    }
  });

  it('a word that only starts like a trigger is not one ("metres" is not "met"; مقاتلات is not قتل)', () => {
    expect(suggest('The SDF stood 200 metres from al-Susa.')).toEqual([]);
    expect(suggest('حلقت مقاتلات التحالف الدولي فوق السوسة.')).toEqual([]);
  });
});

describe('withdrawal in favour of another actor', () => {
  it.each([
    'سحب الحرس الثوري الإيراني ميليشياته من الميادين لصالح الجيش الروسي.',
    'The IRGC withdrew from al-Mayadin in favour of the Russian army.',
  ])('%s', (text) => {
    expect(only(text)).toMatchObject({
      kind: 'withdrawal',
      placeId: 'al-mayadin',
      actorIds: ['irgc'],
      inFavourOf: 'russian-armed-forces',
    });
  });
});

describe('attribution', () => {
  it.each([
    ['وفق شبكة الفرات بوست، سيطرت قسد على نصف السوسة.', 'al-furat-post'],
    ['ذكرت شبكة الفرات بوست أن قسد سيطرت على نصف السوسة.', 'al-furat-post'],
    ['According to Al-Furat Post, the SDF controls half of al-Susa.', 'al-furat-post'],
    ['The SDF controls half of al-Susa, Al-Furat Post reported.', 'al-furat-post'],
  ])('%s → %s', (text, source) => {
    expect(only(text)).toMatchObject({ attributedTo: source, share: 0.5 });
  });

  it('"according to the source" means the source last named', () => {
    const claims = suggest('ذكرت شبكة الفرات بوست خبراً. وبحسب المصدر، سيطرت قسد على السوسة بالكامل.');
    expect(claims[0]).toMatchObject({ attributedTo: 'al-furat-post', share: 1 });
  });

  it('the outlet someone spoke to is not the source ("said to Al-Quds Al-Arabi")', () => {
    expect(only('وقال رحال لـ «القدس العربي» إن قسد سيطرت على 80% من السوسة.').attributedTo).toBeUndefined();
  });

  it('a hedged report is suggested as doubtful (credibility 4)', () => {
    expect(only('Reportedly, the SDF captured 80% of al-Susa.').credibility).toBe(4);
  });
});

describe('shares', () => {
  it.each([
    ['80 بالمئة', 0.8],
    ['80 بالمائة', 0.8],
    ['80 في المئة', 0.8],
    ['80%', 0.8],
    ['٨٠٪', 0.8],
    ['ثمانين بالمئة', 0.8],
    ['خمسة وسبعين بالمئة', 0.75],
    ['نصف', 0.5],
  ])('السيطرة على %s من السوسة → %s', (written, share) => {
    expect(only(`أعلنت قسد السيطرة على ${written} من السوسة.`).share).toBe(share);
  });

  it.each([
    ['60 percent', 0.6],
    ['60 per cent', 0.6],
    ['sixty percent', 0.6],
    ['a quarter of', 0.25],
  ])('"captured %s" → %s', (written, share) => {
    expect(only(`The SDF captured ${written} al-Susa.`).share).toBe(share);
  });

  it('a control claim without a share says so (missing: share) and carries no ready claim', () => {
    expect(only('سيطرت قسد على السوسة.').missing).toEqual(['share']);
  });
});

describe('valid time, relative to publication (Wednesday 14 November 2018)', () => {
  it.each([
    ['أمس', { date: '2018-11-13', approximate: false }],
    ['أمس الثلاثاء', { date: '2018-11-13', approximate: false }],
    ['يوم الاثنين', { date: '2018-11-12', approximate: false }],
    ['اليوم', { date: '2018-11-14', approximate: false }],
    ['قبل أسابيع', { date: '2018-10', approximate: true }],
  ])('اعتقلت قسد شخصين في السوسة %s → %o', (written, validTime) => {
    expect(only(`اعتقلت قسد شخصين في السوسة ${written}.`).validTime).toEqual(validTime);
  });

  it.each([
    ['yesterday', { date: '2018-11-13', approximate: false }],
    ['on Tuesday', { date: '2018-11-13', approximate: false }],
    ['on 12 November 2018', { date: '2018-11-12', approximate: false }],
    ['weeks earlier', { date: '2018-10', approximate: true }],
  ])('"arrested … %s" → %o', (written, validTime) => {
    expect(only(`The SDF arrested two men in al-Susa ${written}.`).validTime).toEqual(validTime);
  });

  it('with no date in the sentence, the publication day, approximate', () => {
    expect(only('اعتقلت قسد شخصين في السوسة.').validTime).toEqual({ date: '2018-11-14', approximate: true });
  });
});

describe('Arabic folding and clitics', () => {
  it.each([
    ['hamza and alef forms', 'اعتقلت قسد شخصين في الميادين.', 'al-mayadin'],
    ['taa marbuta written as heh', 'اعتقلت قسد شخصين في السوسه.', 'al-susa'],
    ['harakat', 'اعتقلت قسد شخصين في السُّوسَة.', 'al-susa'],
    ['tatweel', 'اعتقلت قسد شخصين في الســوسة.', 'al-susa'],
    ['a Persian/Urdu keyboard (heh goal ہ for ة)', 'اعتقلت قسد شخصين في السوسہ.', 'al-susa'],
    ['و + name', 'اعتقلت قسد شخصين في الميادين ومحكان.', 'al-mayadin'],
    ['ب + name', 'اعتقلت قسد شخصين بمحكان.', 'mahkan'],
    ['و + ب + ال', 'اعتقلت قسد شخصين وبالسوسة.', 'al-susa'],
    ['ل + ال contracted to لل', 'وصلت تعزيزات للجيش الروسي في للسوسة.', 'al-susa'],
  ])('%s', (_rule, text, placeId) => {
    expect(suggest(text)[0]?.placeId).toBe(placeId);
  });

  it('a name inside a longer word is not the name (البوكمالية is not البوكمال; كمال is not البوكمال)', () => {
    expect(suggest('اعتقلت قسد شخصين في البوكمالية.')).toEqual([]);
  });

  it('short Latin acronyms match in capitals only ("is" is not IS)', () => {
    const g = buildGazetteer([
      { type: 'actor', id: 'isis', names: { en: 'Islamic State', variants: ['IS'] }, kind: 'jihadist_group' },
    ]);
    const claims = (text: string) => suggestClaims({ text, publishedAt: '2018-11-14', gazetteer: g }).mentions;
    expect(claims('It is what it is.')).toEqual([]);
    expect(claims('IS fighters.').map((m) => m.id)).toEqual(['isis']);
  });

  it('a list of places gives one claim each; the governorate reading where the text says "governorates"', () => {
    const claims = suggest('يزور وفد النظام السوري محافظات دير الزور والرقة.');
    expect(claims.map((c) => c.placeId)).toEqual(['deir-ez-zor-governorate', 'raqqa-governorate']);
  });

  it('"the countryside of" a city is its governorate', () => {
    expect(only('قتلت قسد قيادياً من داعش في ريف دير الزور الشرقي.').placeId).toBe('deir-ez-zor-governorate');
  });
});
