import type { ClaimKind } from '../vocabulary.js';

/**
 * The suggestion rules' words, as data an analyst can extend (issue 15 §3). Every list is
 * matched the way names are (`foldText.ts`): case, hamza seats, taa marbuta, alef maqsura,
 * harakat and tatweel do not matter, nor do spaces and hyphens inside a phrase.
 *
 * How to write a form:
 * - A form ending in `*` is a stem: any ending may follow in the same word (`سيطر*` finds
 *   سيطرة, سيطرت, سيطروا). Without `*` the form must end the word (`met` does not find "metres").
 * - Arabic forms are found after the proclitics و ف ب ل ك and the article ال (and لل), so
 *   write `اجتماع*`, not `الاجتماع` or `والاجتماع`. English forms must start a word; list
 *   each inflection you want (`withdrew`, `withdraws`).
 * - Multi-word phrases are fine: `according to`, `بعد أسابيع من`.
 *
 * Each list is tested in `test/suggestions/lexicon.test.ts` (one sentence per rule).
 */
export interface Forms {
  readonly ar: readonly string[];
  readonly en: readonly string[];
}

/**
 * The claim kinds a trigger word can suggest (DESIGN "Claim"; `statement` and `other` are left
 * to the analyst). `battle` (issue 11) comes from datasets; until its trigger words are chosen
 * and tested, reports of clashes are suggested as attacks, as before.
 */
export type SuggestedKind = Exclude<ClaimKind, 'statement' | 'other' | 'battle'>;

/**
 * Trigger words per claim kind, after the event coders' approach (PETRARCH verb
 * dictionaries, PLOVER event types): a sentence holding one of these, with a place and an
 * actor, suggests a claim of that kind. One claim per kind per sentence: a second trigger of
 * the same kind in the sentence is taken as the same event (it adds evidence, not a claim).
 */
export const TRIGGERS: Readonly<Record<SuggestedKind, Forms>> = {
  control: {
    ar: ['سيطر*', 'تسيطر*', 'يسيطر*', 'استعاد*', 'استعادة*', 'تحرير*', 'حرر*', 'استولى*', 'استيلاء*'],
    en: [
      'control',
      'controls',
      'controlled',
      'captured',
      'capture',
      'captures',
      'seized',
      'seizes',
      'took over',
      'retook',
      'recaptured',
    ],
  },
  withdrawal: {
    ar: ['انسحب*', 'انسحاب*', 'ينسحب*', 'تنسحب*', 'سحب*', 'يسحب*', 'تراجع*'],
    en: ['withdrew', 'withdraw', 'withdraws', 'withdrawn', 'withdrawal', 'pulled out', 'pulls out', 'retreated', 'retreats'],
  },
  meeting: {
    ar: ['اجتماع*', 'اجتمع*', 'يجتمع*', 'لقاء*', 'التقى', 'التقت', 'يلتقي'],
    en: ['met', 'meet', 'meets', 'meeting', 'meetings', 'held talks'],
  },
  visit: {
    ar: ['زيارة*', 'زار', 'زارت', 'زاروا', 'يزور*', 'تزور*'],
    en: ['visit', 'visits', 'visited', 'visiting'],
  },
  deployment: {
    ar: ['تمركز*', 'انتشرت', 'تعزيزات*', 'استقدم*'],
    en: ['deployed', 'deploys', 'deployment', 'stationed', 'sent reinforcements'],
  },
  presence: {
    ar: ['تواجد*', 'يتواجد*', 'تتواجد*'],
    en: ['present in', 'presence'],
  },
  attack: {
    ar: ['هجوم*', 'هاجم*', 'يهاجم*', 'تهاجم*', 'استهدف*', 'استهداف*', 'كمين*'],
    en: ['attack', 'attacks', 'attacked', 'ambush', 'ambushed', 'stormed'],
  },
  airstrike: {
    ar: ['غارات*', 'غارة*', 'غاره*', 'قصف جوي', 'ضربات جوية', 'ضربة جوية'],
    en: ['air strike', 'air strikes', 'airstrike', 'airstrikes', 'air raid', 'air raids', 'bombed', 'bombing'],
  },
  killing: {
    ar: ['قتل*', 'مقتل*', 'يقتل*', 'اغتيال*', 'اغتال*', 'تصفية*'],
    en: ['killed', 'kills', 'kill', 'killing', 'assassinated', 'assassination', 'shot dead'],
  },
  arrest: {
    ar: ['اعتقال*', 'اعتقل*', 'احتجاز*', 'احتجز*'],
    en: ['arrested', 'arrests', 'arrest', 'detained', 'detains'],
  },
};

/**
 * Attribution (DESIGN "Claim": "according to Al-Furat Post"). `preposition`: the source named
 * right after (within three words) is the one the claim is attributed to. `reportingVerb`: a
 * source named in the same sentence is the speaker, unless it is the addressee (after ل / to:
 * "said to Al-Quds Al-Arabi"). `anaphora`: "the source", meaning the source last named.
 */
export const ATTRIBUTION = {
  preposition: {
    ar: ['وفق', 'وفقا', 'وفقا ل', 'بحسب', 'حسب', 'نقلا عن', 'بناء على'],
    en: ['according to', 'citing', 'as reported by', 'reported by', 'quoted by'],
  },
  reportingVerb: {
    ar: ['ذكرت', 'ذكر', 'قالت', 'قال', 'أفادت', 'أفاد', 'تحدثت', 'أعلنت', 'أعلن', 'نشرت', 'نقلت', 'بثت', 'أكدت', 'أكد'],
    en: ['reported', 'reports', 'said', 'says', 'announced', 'claimed', 'stated', 'told'],
  },
  anaphora: { ar: ['المصدر'], en: ['the source'] },
} as const satisfies Record<string, Forms>;

/** "in favour of": the actor named after it is a withdrawal's `inFavourOf` (within six words). */
export const IN_FAVOUR_OF: Forms = {
  ar: ['لصالح', 'لمصلحة'],
  en: ['in favour of', 'in favor of', 'handing over to', 'to the benefit of'],
};

/**
 * "the countryside of X": the claim is about the area around X, so a city named X resolves
 * to the administrative area it lies in (`ريف دير الزور` → Deir ez-Zor governorate).
 */
export const COUNTRYSIDE: Forms = { ar: ['ريف', 'بادية'], en: ['countryside', 'countryside of', 'rural'] };

/**
 * "governorate(s) of X": X names an administrative area, not its seat (`محافظات دير الزور
 * والرقة`). Applies to the place right after it and to the places listed with it.
 */
export const ADMIN_AREA: Forms = {
  ar: ['محافظة', 'محافظات', 'منطقة', 'ناحية'],
  en: ['governorate', 'governorates', 'province', 'provinces', 'governorate of', 'province of'],
};

/**
 * Place-type words: the name after one is a place; when the registry does not know it, it
 * comes back as "register this place?" (never dropped). Also allowed between places of a list
 * (`من مدينة الميادين وبلدة محكان`).
 */
export const PLACE_CUES: Forms = {
  ar: ['مدينة', 'بلدة', 'قرية', 'حي', 'مخيم', 'ناحية', 'محافظة', 'محافظات', 'منطقة'],
  en: ['town of', 'village of', 'city of', 'neighbourhood of', 'neighborhood of', 'camp', 'town', 'village', 'city'],
};

/** Actor-type words: the name after one is an actor; an unknown one comes back as "register this actor?". */
export const ACTOR_CUES: Forms = {
  ar: ['قوات', 'ميليشيا', 'ميليشيات', 'مليشيا', 'مليشيات', 'لواء', 'فصيل', 'كتائب', 'فرقة', 'حركة', 'جيش', 'القيادي'],
  en: ['forces', 'militia', 'brigade', 'battalion', 'commander'],
};

/** Words that hedge a report: the suggested credibility drops from 3 (possibly true) to 4 (doubtful). */
export const HEDGES: Forms = {
  ar: ['أنباء عن', 'يعتقد', 'غير مؤكد*', 'شائعات', 'يرجح'],
  en: ['reportedly', 'allegedly', 'unconfirmed', 'rumoured', 'rumored', 'is believed'],
};

/**
 * Dates relative to the article's `publishedAt`. `days` back from it; `approximate` when the
 * phrase is loose, and then the date is given to the month (`precision`). Weekday names are
 * the last such day on or before publication (`الثلاثاء` in a Wednesday article = yesterday).
 * English dates are read by chrono-node; these add what it does not read ("weeks earlier").
 */
export interface RelativeDate {
  readonly forms: Forms;
  readonly days: number;
  readonly approximate: boolean;
  readonly precision: 'day' | 'month';
}

export const RELATIVE_DATES: readonly RelativeDate[] = [
  { forms: { ar: ['اليوم'], en: [] }, days: 0, approximate: false, precision: 'day' },
  { forms: { ar: ['أمس', 'البارحة'], en: [] }, days: 1, approximate: false, precision: 'day' },
  { forms: { ar: ['أول أمس', 'أول من أمس'], en: [] }, days: 2, approximate: false, precision: 'day' },
  { forms: { ar: ['قبل أيام', 'منذ أيام'], en: ['days ago', 'days earlier'] }, days: 3, approximate: true, precision: 'day' },
  {
    forms: { ar: ['الأسبوع الماضي', 'الأسبوع الفائت'], en: ['last week', 'a week ago', 'a week earlier'] },
    days: 7,
    approximate: true,
    precision: 'day',
  },
  {
    forms: {
      ar: ['قبل أسابيع', 'منذ أسابيع', 'بعد أسابيع من', 'قبل أسبوعين', 'بعد أسبوعين من'],
      en: ['weeks ago', 'weeks earlier', 'weeks before', 'a few weeks ago', 'two weeks ago'],
    },
    days: 21,
    approximate: true,
    precision: 'month',
  },
  {
    forms: { ar: ['الشهر الماضي', 'الشهر الفائت', 'قبل شهر'], en: ['last month', 'a month ago'] },
    days: 30,
    approximate: true,
    precision: 'month',
  },
];

/** Weekday names (0 = Sunday). English weekdays are chrono-node's. */
export const WEEKDAYS: readonly { readonly ar: readonly string[]; readonly weekday: number }[] = [
  { ar: ['الأحد'], weekday: 0 },
  { ar: ['الاثنين', 'الإثنين'], weekday: 1 },
  { ar: ['الثلاثاء'], weekday: 2 },
  { ar: ['الأربعاء'], weekday: 3 },
  { ar: ['الخميس'], weekday: 4 },
  { ar: ['الجمعة'], weekday: 5 },
  { ar: ['السبت'], weekday: 6 },
];

/**
 * Shares (control claims): a number then a percent word (`80 بالمئة`, `80 في المئة`,
 * `80%`, `٨٠٪`, `80 percent`), the number in digits (Arabic-Indic too) or in Arabic words
 * (`ثمانين بالمئة`, `خمسة وسبعين بالمئة`), and fraction words (`نصف`, "half of").
 */
export const PERCENT_WORDS: readonly string[] = [
  '%',
  '٪',
  'بالمئة',
  'بالمائة',
  'بالمية',
  'في المئة',
  'في المائة',
  'percent',
  'per cent',
];

/** Arabic number words (masculine; the -ون / -ين endings both). */
export const ARABIC_UNITS: Readonly<Record<string, number>> = {
  واحد: 1,
  اثنين: 2,
  اثنان: 2,
  ثلاثة: 3,
  أربعة: 4,
  خمسة: 5,
  ستة: 6,
  سبعة: 7,
  ثمانية: 8,
  تسعة: 9,
};
export const ARABIC_TENS: Readonly<Record<string, number>> = {
  عشرة: 10,
  عشرين: 20,
  عشرون: 20,
  ثلاثين: 30,
  ثلاثون: 30,
  أربعين: 40,
  أربعون: 40,
  خمسين: 50,
  خمسون: 50,
  ستين: 60,
  ستون: 60,
  سبعين: 70,
  سبعون: 70,
  ثمانين: 80,
  ثمانون: 80,
  تسعين: 90,
  تسعون: 90,
  مئة: 100,
  مائة: 100,
};
export const ENGLISH_NUMBERS: Readonly<Record<string, number>> = {
  ten: 10,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  'a hundred': 100,
  'one hundred': 100,
};

/** Fractions named in words. */
export const FRACTIONS: readonly { readonly forms: Forms; readonly share: number }[] = [
  { forms: { ar: ['نصف'], en: ['half of', 'half'] }, share: 0.5 },
  { forms: { ar: ['ثلث'], en: ['a third of', 'one third of'] }, share: 1 / 3 },
  { forms: { ar: ['ربع'], en: ['a quarter of', 'one quarter of'] }, share: 0.25 },
  { forms: { ar: ['ثلثي'], en: ['two thirds of'] }, share: 2 / 3 },
  { forms: { ar: ['ثلاثة أرباع'], en: ['three quarters of'] }, share: 0.75 },
  { forms: { ar: ['كامل', 'كاملة', 'بالكامل'], en: ['all of', 'the whole of', 'fully'] }, share: 1 },
];
