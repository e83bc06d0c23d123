/**
 * The claims a careful analyst takes from the seed article
 * (`../shared/seed/alquds-deir-ez-zor-article.ar.txt`, Al-Quds Al-Arabi, published Wednesday
 * 14 November 2018), written by hand from a reading of the article BEFORE any suggestion rule
 * existed (issue 15 §5). It is the yardstick the suggestions are measured against; ids are the
 * worked example's registry (`services/demo/workedExample.ts`).
 *
 * `places` lists every place an analyst would accept for the claim (the first is the best);
 * `dateWithinDays` is how far the suggested valid date may be from `date`, since the article
 * dates some events only loosely ("weeks earlier", "recently").
 *
 * Left out on purpose: the SDF's own "large parts of al-Susa" (no share: it corroborates the
 * Military Council's 80 %), the failed ISIS assassination attempt that preceded the killing,
 * the school opening in Al-Bukamal, and the analysts' opinions (Rahal, al-Attar).
 */
export interface ExpectedClaim {
  readonly label: string;
  readonly kind: string;
  readonly places: readonly string[];
  /** Every actor the claim must name (a suggestion may name more). */
  readonly actors: readonly string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  readonly date: string;
  readonly dateWithinDays: number;
  /** Changes territorial control: must be suggested with the right place, actor and share. */
  readonly controlAffecting: boolean;
}

export const SEED_EXPECTED: readonly ExpectedClaim[] = [
  {
    label: 'IRGC–Russia security meeting in Hay al-Jamiyat, Al-Bukamal',
    kind: 'meeting',
    places: ['hay-al-jamiyat', 'al-bukamal'],
    actors: ['irgc', 'russian-armed-forces'],
    date: '2018-11-14',
    dateWithinDays: 14,
    controlAffecting: false,
  },
  {
    label: 'IRGC withdraws its militias from al-Mayadin in favour of the Russian army (weeks earlier)',
    kind: 'withdrawal',
    places: ['al-mayadin'],
    actors: ['irgc'],
    inFavourOf: 'russian-armed-forces',
    date: '2018-10-24',
    dateWithinDays: 31,
    controlAffecting: true,
  },
  {
    label: 'IRGC withdraws its militias from Mahkan in favour of the Russian army (weeks earlier)',
    kind: 'withdrawal',
    places: ['mahkan'],
    actors: ['irgc'],
    inFavourOf: 'russian-armed-forces',
    date: '2018-10-24',
    dateWithinDays: 31,
    controlAffecting: true,
  },
  {
    label: 'Eight-minister government delegation visits Deir ez-Zor governorate (announced Tuesday)',
    kind: 'visit',
    places: ['deir-ez-zor-governorate', 'deir-ez-zor'],
    actors: ['syrian-government'],
    date: '2018-11-13',
    dateWithinDays: 1,
    controlAffecting: false,
  },
  {
    label: 'Eight-minister government delegation visits Raqqa governorate (announced Tuesday)',
    kind: 'visit',
    places: ['raqqa-governorate'],
    actors: ['syrian-government'],
    date: '2018-11-13',
    dateWithinDays: 1,
    controlAffecting: false,
  },
  {
    label: "SDF's Deir ez-Zor Military Council announces control of 80% of al-Susa",
    kind: 'control',
    places: ['al-susa'],
    actors: ['deir-ez-zor-military-council'],
    share: 0.8,
    date: '2018-11-13',
    dateWithinDays: 1,
    controlAffecting: true,
  },
  {
    label: 'Coalition air strikes on al-Susa',
    kind: 'airstrike',
    places: ['al-susa'],
    actors: ['international-coalition'],
    date: '2018-11-13',
    dateWithinDays: 1,
    controlAffecting: false,
  },
  {
    label: 'SDF kills ISIS commander Yasser al-Rafdan in the eastern Deir ez-Zor countryside (yesterday, Tuesday)',
    kind: 'killing',
    places: ['deir-ez-zor-governorate'],
    actors: ['sdf'],
    date: '2018-11-13',
    dateWithinDays: 0,
    controlAffecting: false,
  },
];
