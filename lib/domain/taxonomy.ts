/**
 * ACLED's event taxonomy (ACLED Codebook, 2023 edition): six event types and their
 * sub-event types. Incidents use these so they can be exchanged with ACLED exports.
 */
export const EVENT_TYPES = {
  battles: ['armed-clash', 'government-regains-territory', 'non-state-actor-overtakes-territory'],
  'explosions-remote-violence': [
    'air-drone-strike',
    'shelling-artillery-missile-attack',
    'suicide-bomb',
    'remote-explosive-landmine-ied',
    'grenade',
    'chemical-weapon',
  ],
  'violence-against-civilians': ['attack', 'abduction-forced-disappearance', 'sexual-violence'],
  protests: ['peaceful-protest', 'protest-with-intervention', 'excessive-force-against-protesters'],
  riots: ['violent-demonstration', 'mob-violence'],
  'strategic-developments': [
    'agreement',
    'arrests',
    'change-to-group-activity',
    'disrupted-weapons-use',
    'headquarters-or-base-established',
    'looting-property-destruction',
    'non-violent-transfer-of-territory',
    'other',
  ],
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type SubEventType = (typeof EVENT_TYPES)[EventType][number];

export const EVENT_TYPE_IDS = Object.keys(EVENT_TYPES) as EventType[];

export function isSubTypeOf(type: EventType, sub: string): boolean {
  return (EVENT_TYPES[type] as readonly string[]).includes(sub);
}

/** ACLED's own English labels, as its exports spell them (for exports ACLED's tools can read back). */
export const ACLED_TYPE_LABELS: Record<EventType, string> = {
  battles: 'Battles',
  'explosions-remote-violence': 'Explosions/Remote violence',
  'violence-against-civilians': 'Violence against civilians',
  protests: 'Protests',
  riots: 'Riots',
  'strategic-developments': 'Strategic developments',
};

export const ACLED_SUB_LABELS: Record<string, string> = {
  'armed-clash': 'Armed clash',
  'government-regains-territory': 'Government regains territory',
  'non-state-actor-overtakes-territory': 'Non-state actor overtakes territory',
  'air-drone-strike': 'Air/drone strike',
  'shelling-artillery-missile-attack': 'Shelling/artillery/missile attack',
  'suicide-bomb': 'Suicide bomb',
  'remote-explosive-landmine-ied': 'Remote explosive/landmine/IED',
  grenade: 'Grenade',
  'chemical-weapon': 'Chemical weapon',
  attack: 'Attack',
  'abduction-forced-disappearance': 'Abduction/forced disappearance',
  'sexual-violence': 'Sexual violence',
  'peaceful-protest': 'Peaceful protest',
  'protest-with-intervention': 'Protest with intervention',
  'excessive-force-against-protesters': 'Excessive force against protesters',
  'violent-demonstration': 'Violent demonstration',
  'mob-violence': 'Mob violence',
  agreement: 'Agreement',
  arrests: 'Arrests',
  'change-to-group-activity': 'Change to group/activity',
  'disrupted-weapons-use': 'Disrupted weapons use',
  'headquarters-or-base-established': 'Headquarters or base established',
  'looting-property-destruction': 'Looting/property destruction',
  'non-violent-transfer-of-territory': 'Non-violent transfer of territory',
  other: 'Other',
};
