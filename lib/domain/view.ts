import { z } from 'zod';
import { idSchema, isoDateSchema, storableText } from './schema';
import { EVENT_TYPE_IDS, type EventType } from './taxonomy';

/**
 * A view: the map configuration an editor prepares for one article. Stored whole as its spec;
 * the embed reads it. Text is plain (escaped wherever it is shown).
 */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`).superRefine(storableText);
const bilingual = (max: number) => z.object({ fr: text(max).optional(), en: text(max).optional(), ar: text(max).optional() });

export const boundsSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), z.number().min(-180).max(180), z.number().min(-85).max(85)])
  .refine(([w, s, e, n]) => w < e && s < n, { message: 'bounds are west,south,east,north with west < east and south < north' });

export const viewFiltersSchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    types: z
      .array(z.enum(EVENT_TYPE_IDS as [EventType, ...EventType[]]))
      .max(6)
      .optional(),
    places: z.array(idSchema).max(50).optional(),
    actors: z.array(idSchema).max(50).optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from is after to', path: ['from'] });

export const viewSpecSchema = z
  .object({
    title: bilingual(160).refine((t) => t.fr || t.en || t.ar, { message: 'a title in French, English or Arabic' }),
    caption: bilingual(600).default({}),
    credit: bilingual(200).default({}),
    bounds: boundsSchema.nullable().default(null),
    filters: viewFiltersSchema.default({}),
    highlighted: z.array(idSchema).max(50).default([]),
    lang: z.enum(['fr', 'en', 'ar']).default('fr'),
    theme: z.enum(['light', 'dark', 'auto']).default('auto'),
    /** the time bar under the map: incidents per day, week or month, and a period the reader may set */
    timeBar: z.boolean().default(false),
    /** a locator map of Syria with the frame outlined, over the map's top left corner */
    inset: z.boolean().default(true),
  })
  .strict();
export type ViewSpec = z.infer<typeof viewSpecSchema>;
export type ViewFilters = z.infer<typeof viewFiltersSchema>;

export interface View {
  id: string;
  spec: ViewSpec;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** shown "as published": the embed serves the snapshot taken at publication */
  pinned: boolean;
}

/** View ids: 10 characters from an alphabet without look-alikes, random (not guessable in order). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function newViewId(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return [...random(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}
