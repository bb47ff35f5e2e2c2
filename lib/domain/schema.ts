import { z } from 'zod';
import { EVENT_TYPE_IDS, isSubTypeOf, type EventType } from './taxonomy';

/** Stable ids: lower-case slugs. The same rule guards URLs, so a bad id is a 400, not a lookup. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,99}$/, 'an id is 2–100 lower-case letters, digits or hyphens');

export const isoDateSchema = z.iso.date();

export const localisedSchema = z.object({ en: z.string().min(1), fr: z.string().min(1) });
export type Localised = z.infer<typeof localisedSchema>;

export const placeKinds = ['town', 'village', 'airbase', 'border crossing', 'region', 'governorate'] as const;

export const placeSchema = z.object({
  id: idSchema,
  name: z.object({ en: z.string().min(1), fr: z.string().min(1), ar: z.string().min(1) }),
  aliases: z.array(z.string().min(1)),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  geonamesId: z.number().int().positive().nullable(),
  admin1: z.string().min(1),
  admin2: z.string().min(1).nullable().default(null),
  kind: z.enum(placeKinds),
  coordinateNote: z.string().min(1),
});
export type Place = z.infer<typeof placeSchema>;

export const sourceKinds = ['news agency', 'government', 'military', 'monitor', 'ngo'] as const;
export const sourceSchema = z.object({
  id: idSchema,
  name: localisedSchema,
  kind: z.enum(sourceKinds),
  language: z.string().min(2).max(8),
  url: z.url().nullable(),
});
export type Source = z.infer<typeof sourceSchema>;

export const actorSchema = z.object({
  id: idSchema,
  name: localisedSchema,
  /** ACLED "inter" families, reduced: state forces, rebels, militias, civilians, external forces. */
  kind: z.enum(['state-forces', 'rebel-group', 'militia', 'external-state-forces', 'civilians', 'unidentified']),
});
export type Actor = z.infer<typeof actorSchema>;

export const datePrecisions = ['day', 'week', 'month'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

/** 1: the town itself; 2: near a town or part of a region; 3: the province only. (ACLED geo_precision) */
export const geoPrecisionSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type GeoPrecision = z.infer<typeof geoPrecisionSchema>;

export const eventTypeSchema = z.enum(EVENT_TYPE_IDS as [EventType, ...EventType[]]);

/** A count as reported: an exact figure (low = high) or a range ("between 10 and 15"). */
export const countSchema = z
  .object({ low: z.number().int().min(0), high: z.number().int().min(0) })
  .refine((c) => c.low <= c.high, { message: 'low must not exceed high' });
export type Count = z.infer<typeof countSchema>;

/**
 * One line of a claim's toll: the dead and wounded of one group, as the claimant reports them.
 * `group` is an actor id or "civilians". `countedIn` names another incident whose own claims
 * already count these same victims (a day toll that includes a strike reported on its own):
 * sums across incidents skip this line whenever that incident is part of the sum.
 */
export const casualtyLineSchema = z.object({
  group: z.union([idSchema, z.literal('civilians')]),
  label: localisedSchema,
  killed: countSchema.nullable(),
  wounded: countSchema.nullable(),
  countedIn: idSchema.nullable(),
});
export type CasualtyLine = z.infer<typeof casualtyLineSchema>;

export const equipmentLossSchema = z.object({
  item: localisedSchema,
  count: countSchema,
  /** whose equipment, as an actor id, when the claimant says */
  owner: idSchema.nullable(),
});
export type EquipmentLoss = z.infer<typeof equipmentLossSchema>;

export const claimSchema = z.object({
  id: idSchema,
  /** who makes the claim */
  claimant: idSchema,
  /** who carried the claim to us (the wire agency), when not the claimant itself */
  via: idSchema.nullable(),
  claimedOn: isoDateSchema,
  /** who the claimant says did it, and to whom (actor ids); empty when the claimant names nobody */
  perpetrators: z.array(idSchema),
  targets: z.array(idSchema),
  /** the attribution in the claimant's own terms, paraphrased */
  attribution: localisedSchema,
  casualties: z.array(casualtyLineSchema),
  equipment: z.array(equipmentLossSchema),
  statement: localisedSchema,
});
export type Claim = z.infer<typeof claimSchema>;

export const incidentActorSchema = z.object({
  actor: idSchema,
  side: z.enum(['a', 'b']),
  role: z.enum(['primary', 'associated']),
});

export const incidentSchema = z
  .object({
    id: idSchema,
    date: isoDateSchema,
    datePrecision: z.enum(datePrecisions),
    place: idSchema,
    geoPrecision: geoPrecisionSchema,
    /** the area the place stands for when geoPrecision is 2, in words ("the Al-Nayrab area") */
    locationNote: localisedSchema.nullable(),
    eventType: eventTypeSchema,
    subEventType: z.string(),
    /** "event": one happening; "tally": a toll that sums several happenings (e.g. a day toll) */
    scope: z.enum(['event', 'tally']),
    title: localisedSchema,
    summary: localisedSchema,
    actors: z.array(incidentActorSchema).min(1),
    reportedBy: z.array(idSchema).min(1),
    claims: z.array(claimSchema).min(1),
  })
  .superRefine((inc, ctx) => {
    if (!isSubTypeOf(inc.eventType, inc.subEventType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subEventType'],
        message: `${inc.subEventType} is not a sub-type of ${inc.eventType}`,
      });
    }
    for (const [i, claim] of inc.claims.entries()) {
      for (const [j, line] of claim.casualties.entries()) {
        if (line.countedIn === inc.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['claims', i, 'casualties', j, 'countedIn'],
            message: 'a line cannot be counted in its own incident',
          });
        }
      }
    }
  });
export type Incident = z.infer<typeof incidentSchema>;

export const seedSchema = z.object({
  about: z.string(),
  sources: z.array(sourceSchema),
  actors: z.array(actorSchema),
  incidents: z.array(incidentSchema),
});
export type Seed = z.infer<typeof seedSchema>;
