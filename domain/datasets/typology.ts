import type { ClaimKind } from '../vocabulary.js';

/**
 * The datasets' own typologies → sijill's claim kinds: the one table of docs/datasets.md,
 * as data. A territory sub-event becomes `control` with share 1 held by actor 1.
 */
export interface KindMapping {
  readonly kind: ClaimKind;
  /** `control` only: the share actor 1 holds from the event on. */
  readonly share?: number;
  /** `attack` unless the row has fatalities, then `killing` (ACLED "Violence against civilians: Attack"). */
  readonly killingWhenFatal?: boolean;
}

/** UCDP GED `type_of_violence`. */
export const UCDP_TYPE_OF_VIOLENCE: Readonly<Record<string, { readonly label: string; readonly mapping: KindMapping }>> = {
  '1': { label: 'state-based conflict', mapping: { kind: 'battle' } },
  '2': { label: 'non-state conflict', mapping: { kind: 'battle' } },
  '3': { label: 'one-sided violence', mapping: { kind: 'killing' } },
};

/** ACLED `event_type` → `sub_event_type` → mapping; `*` stands for every other sub-event type of the event type. */
export const ACLED_EVENT_TYPES: Readonly<Record<string, Readonly<Record<string, KindMapping>>>> = {
  Battles: {
    'Armed clash': { kind: 'battle' },
    'Government regains territory': { kind: 'control', share: 1 },
    'Non-state actor overtakes territory': { kind: 'control', share: 1 },
  },
  'Explosions/Remote violence': {
    'Air/drone strike': { kind: 'airstrike' },
    '*': { kind: 'attack' },
  },
  'Violence against civilians': {
    Attack: { kind: 'attack', killingWhenFatal: true },
    'Abduction/forced disappearance': { kind: 'arrest' },
    'Sexual violence': { kind: 'attack' },
  },
  'Strategic developments': {
    Arrests: { kind: 'arrest' },
    'Non-violent transfer of territory': { kind: 'control', share: 1 },
    'Headquarters or base established': { kind: 'presence' },
    Agreement: { kind: 'statement' },
    '*': { kind: 'other' },
  },
  Protests: { '*': { kind: 'other' } },
  Riots: { '*': { kind: 'other' } },
};

/** The mapping of an ACLED event, or undefined when the event type or sub-event type is not in the codebook table. */
export const acledMapping = (eventType: string, subEventType: string): KindMapping | undefined => {
  const subTypes = ACLED_EVENT_TYPES[eventType];
  return subTypes?.[subEventType] ?? subTypes?.['*'];
};
