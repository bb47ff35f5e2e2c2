import { z } from 'zod';
import { EVENT_TYPE_IDS, isSubTypeOf, type EventType } from './taxonomy';

/** Stable ids: lower-case slugs. The same rule guards URLs, so a bad id is a 400, not a lookup. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,99}$/, 'an id is 2–100 lower-case letters, digits or hyphens');

/** What is wrong with one field of an input, named by its path ("claims.0.claimedOn"). */
export interface FieldProblem {
  name: string;
  reason: string;
}

/**
 * The one range of dates the product accepts, wherever a date comes in: incidents, claims,
 * filters, cursors and views. PostgreSQL itself accepts far more, but an incident before 1900
 * or after 2100 is a typing error, and bounding the range keeps every derived date (a week's
 * or a month's end) inside what the database and JavaScript both represent.
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';

export const isoDateSchema = z.iso
  .date({ error: 'expected a date as YYYY-MM-DD' })
  .refine((d) => d >= DATE_MIN && d <= DATE_MAX, { message: `dates must lie between ${DATE_MIN} and ${DATE_MAX}` });

/** Text limits, in characters: names and titles, and longer prose (summaries, statements). */
export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 5000;
/** The most figures one count may give: far above any toll, well inside the columns' integers. */
export const COUNT_MAX = 10_000_000;
/** The most claims one incident, and lines or items one claim, may carry. */
export const MAX_CLAIMS = 50;
export const MAX_LINES = 100;

/** An unpaired UTF-16 surrogate: JSON can carry one, but it is no character and no database stores it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether text can be stored and shown as it is: no NUL, no unpaired surrogate. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired surrogate (not valid Unicode)';
  return null;
}

/** A zod refinement: text that `textProblem` finds fault with is an issue. */
export function storableText(s: string, ctx: z.RefinementCtx): void {
  const problem = textProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** Text of 1 to `max` characters that the store can hold. */
export function textSchema(max: number) {
  return z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`).superRefine(storableText);
}

export const localised = (max: number) => z.object({ en: textSchema(max), fr: textSchema(max) });
export const localisedSchema = localised(SHORT_TEXT_MAX);
export type Localised = z.infer<typeof localisedSchema>;
/** An incident's own text: French and English, and Arabic when the editor has it (readers of Arabic otherwise see English, told so). */
export const localisedWithArabic = (max: number) => localised(max).extend({ ar: textSchema(max).optional() });
export type LocalisedWithArabic = z.infer<ReturnType<typeof localisedWithArabic>>;

/** `locality`: a place an imported dataset named, not (yet) in the curated gazetteer. */
export const placeKinds = ['locality', 'town', 'village', 'airbase', 'border crossing', 'region', 'governorate'] as const;

export const placeSchema = z.object({
  id: idSchema,
  name: z.object({ en: textSchema(SHORT_TEXT_MAX), fr: textSchema(SHORT_TEXT_MAX), ar: textSchema(SHORT_TEXT_MAX) }),
  aliases: z.array(textSchema(SHORT_TEXT_MAX)).max(MAX_LINES),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  geonamesId: z.number().int().positive().nullable(),
  admin1: textSchema(SHORT_TEXT_MAX),
  admin2: textSchema(SHORT_TEXT_MAX).nullable().default(null),
  kind: z.enum(placeKinds),
  coordinateNote: textSchema(LONG_TEXT_MAX),
});
export type Place = z.infer<typeof placeSchema>;

/** `dataset`: a coded dataset (ACLED, UCDP GED) as claimant; `other`: a source a dataset cites, of a kind not known. */
export const sourceKinds = ['news agency', 'government', 'military', 'monitor', 'ngo', 'dataset', 'other'] as const;
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

/**
 * A count as reported: an exact figure (low = high) or a range ("between 10 and 15"), with the
 * source's best estimate inside it when it gives one (UCDP GED's `best`).
 */
const figure = z
  .number()
  .int('a whole number')
  .min(0, 'not negative')
  .max(COUNT_MAX, `at most ${COUNT_MAX.toLocaleString('en')}`);
export const countSchema = z
  .object({ low: figure, high: figure, best: figure.optional() })
  .refine((c) => c.low <= c.high, { message: 'low must not exceed high' })
  .refine((c) => c.best === undefined || (c.low <= c.best && c.best <= c.high), {
    message: 'best must lie between low and high',
    path: ['best'],
  });
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
  perpetrators: z.array(idSchema).max(MAX_LINES),
  targets: z.array(idSchema).max(MAX_LINES),
  /** the attribution in the claimant's own terms, paraphrased */
  attribution: localised(LONG_TEXT_MAX),
  casualties: z.array(casualtyLineSchema).max(MAX_LINES),
  equipment: z.array(equipmentLossSchema).max(MAX_LINES),
  statement: localised(LONG_TEXT_MAX),
  /**
   * The claimant's own figure for all the dead, when it gives one besides its split by group
   * (UCDP GED: low, best, high for the whole event, while its split per side is the best
   * estimate). Shown beside the lines; sums use the lines.
   */
  totalKilled: countSchema.nullable().optional(),
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
    subEventType: z.string().max(SHORT_TEXT_MAX),
    /** "event": one happening; "tally": a toll that sums several happenings (e.g. a day toll) */
    scope: z.enum(['event', 'tally']),
    title: localisedWithArabic(SHORT_TEXT_MAX),
    summary: localisedWithArabic(LONG_TEXT_MAX),
    actors: z.array(incidentActorSchema).min(1).max(MAX_LINES),
    reportedBy: z.array(idSchema).min(1).max(MAX_LINES),
    claims: z.array(claimSchema).min(1).max(MAX_CLAIMS, `at most ${MAX_CLAIMS} claims per incident`),
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
