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
