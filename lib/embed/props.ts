import 'server-only';
import type { EmbedMapProps } from './types';
import type { Feature, FeatureCollection } from '@/lib/incident/geojson';
import type { PlaceDetailProps, PlacePointProps } from '@/lib/api/geojson';
import { placeDetailFeature, placeFeature } from '@/lib/api/geojson';
import { summaryOf } from '@/lib/incident/geojson';
import { inlineGeography } from '@/lib/basemap-files';
import { getPlace, getPlaceRecord, listLabelPlaces } from '@/lib/db/places';
import { listSources } from '@/lib/db/catalog';
import { sumIncidents, totalsByClaimant } from '@/lib/domain/casualties';
import type { Db } from '@/lib/db/store';
import { filterSearch } from '@/lib/tiles/serve';
import { contentHash, embedInlineMax, viewCount, viewFilter, viewIncidents, viewSnapshot, viewSourceIds } from '@/lib/views/incidents';
import type { LargeView } from './types';
import { viewSpecSchema, type View, type ViewSpec } from '@/lib/domain/view';
import { viewText } from '@/lib/i18n/text';
import { LANGS, translator, type Lang } from '@/lib/i18n/messages';
import { embedPage } from '@/lib/embed/page';
import { textIn } from '@/lib/i18n/text';

/** Everything an embed draws, loaded on the server so the page carries its data. */
export async function loadEmbed(db: Db, spec: ViewSpec, view: View | null, live: boolean, lang: Lang = spec.lang) {
  // plain place records: the embed labels places, it does not need their tolls
  const [count, placeList] = await Promise.all([viewCount(db, spec), listLabelPlaces(db, spec.bounds ?? null)]);
  const places: FeatureCollection<PlacePointProps> = { type: 'FeatureCollection', features: placeList.map(placeFeature) };
  const pinnedView = view?.pinned && !live;
  // too many to carry in the page: the live map draws tiles (a pinned view keeps its snapshot)
  if (!pinnedView && (!count.exact || count.n > embedInlineMax())) {
    const [ids, sources] = await Promise.all([viewSourceIds(db, spec), listSources(db)]);
    const cited = new Set(ids);
    const large: LargeView = {
      matched: count.n,
      exact: count.exact,
      tileJson: `/api/tiles.json${tileSearch(spec)}`,
      histogram: `/api/histogram${tileSearch(spec)}`,
      sources: sources.filter((s) => cited.has(s.id)).map((s) => textIn(s.name, lang)),
    };
    return { incidents: [], places, pinned: null, large };
  }
  const current = await viewIncidents(db, spec);
  if (pinnedView && view) {
    const snapshot = await viewSnapshot(db, view.id);
    if (snapshot) {
      return {
        incidents: snapshot.incidents,
        places,
        pinned: {
          publishedAt: view.publishedAt ?? snapshot.takenAt,
          changed: contentHash(current) !== snapshot.hash,
          liveUrl: `/embed/${view.id}?live=1`,
          changesUrl: `/views/${view.id}/changes?lang=${lang}`,
          cut:
            snapshot.matched && (!snapshot.matched.exact || snapshot.matched.n > snapshot.incidents.length)
              ? { shown: snapshot.incidents.length, matched: snapshot.matched.n, exact: snapshot.matched.exact }
              : null,
        },
        large: null,
      };
    }
  }
  return { incidents: current, places, pinned: null, large: null };
}

/** A view's filters as the tiles' query string (written as the tile routes write their own). */
function tileSearch(spec: ViewSpec): string {
  const { limit: _l, order: _o, ...f } = viewFilter(spec);
  const sp = filterSearch(f);
  return sp.size ? `?${sp.toString()}` : '';
}

/** An embed's props: what it draws, loaded on the server, and the basemap it draws on. */
export async function loadEmbedProps(
  db: Db,
  spec: ViewSpec,
  view: View | null,
  { lang, live }: { lang: Lang; live: boolean },
): Promise<Omit<EmbedMapProps, 'workerUrl'>> {
  const data = await loadEmbed(db, spec, view, live, lang);
  const styleUrl = process.env.BASEMAP_STYLE_URL || null;
  return {
    viewId: view?.id ?? null,
    spec,
    lang,
    incidents: data.incidents,
    places: data.places,
    pinned: data.pinned,
    large: data.large,
    fullMapUrl: fullMapUrl(spec, lang),
    styleUrl,
    // the offline basemap's first frame travels with the page: the map needs no request for it
    geography: styleUrl ? null : inlineGeography(),
  };
}

/** Where a saved view is shown: in a frame (/embed/{id}) or on its own page (/views/{id}). */
export type ViewPageKind = 'embed' | 'page';

/**
 * A saved view's page, as an embed or on its own. `lang` is the reader's choice (the view's own
 * language when null), `live` shows a pinned view's current data; `origin` is where readers
 * reach us, for the page's oEmbed and social-card links.
 */
export async function viewEmbedHtml(
  db: Db,
  view: View,
  { lang: asked, live, origin, kind }: { lang: Lang | null; live: boolean; origin: string; kind: ViewPageKind },
): Promise<string> {
  const lang = asked ?? view.spec.lang;
  const title = viewText(view.spec.title, lang, view.spec.lang) ?? '';
  const self = `${origin}/${kind === 'page' ? 'views' : 'embed'}/${view.id}`;
  return embedPage(await loadEmbedProps(db, view.spec, view, { lang, live }), {
    title,
    // oEmbed discovery: a consumer given either page's address finds our oEmbed endpoint in it
    oembedUrl: `${origin}/api/oembed?url=${encodeURIComponent(self)}&format=json`,
    cardImage: `${origin}/api/views/${view.id}/static.png?w=1200&h=630`,
  });
}

/** An ad-hoc embed's page: a view that exists only in its URL, always showing current data. */
export async function adhocEmbedHtml(db: Db, spec: ViewSpec): Promise<string> {
  return embedPage(await loadEmbedProps(db, spec, null, { lang: spec.lang, live: true }), {
    title: spec.title[spec.lang] ?? translator(spec.lang)('appTitle'),
  });
}

/**
 * A place's details as a view shows them. A pinned view answers from its snapshot — the view's
 * incidents at this place (and those located only to its province) as they were published —
 * so that a frozen embed's place panel does not change under its readers either. Otherwise, or
 * with `live`, the place's current details. Null when the place does not exist.
 */
export async function viewPlaceDetail(db: Db, view: View, placeId: string, live: boolean): Promise<Feature<PlaceDetailProps> | null> {
  const snapshot = view.pinned && !live ? await viewSnapshot(db, view.id) : null;
  if (!snapshot) {
    const detail = await getPlace(db, placeId);
    return detail && placeDetailFeature(detail, await listSources(db));
  }
  const [place, sources] = await Promise.all([getPlaceRecord(db, placeId), listSources(db)]);
  if (!place) return null;
  const here = snapshot.incidents.filter((f) => f.properties.placeId === placeId);
  const area = snapshot.incidents.filter(
    (f) => f.properties.placeId !== placeId && f.properties.geoPrecision === 3 && f.properties.place.admin1 === place.admin1,
  );
  const claims = here.map((f) => ({ id: f.id, claims: f.properties.claims }));
  return placeDetailFeature(
    {
      place,
      incidents: { items: [], total: here.length, next: null },
      areaIncidents: { items: [], total: area.length, next: null },
      casualties: sumIncidents(claims),
      byClaimant: totalsByClaimant(claims),
    },
    sources,
    { incidents: here.map((f) => summaryOf(f.properties)), areaIncidents: area.map((f) => summaryOf(f.properties)) },
  );
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** The ad-hoc embed's options that are lists: repeated or comma-separated. */
export const LIST_PARAMS: readonly string[] = ['type', 'place', 'actor', 'highlight'];

/**
 * An ad-hoc embed's options from its URL (/embed?title=…&type=battles&bounds=…): the same
 * fields as a saved view. Returns the problems when they do not make a valid view.
 */
export function specFromQuery(
  q: Record<string, string | undefined>,
  fallbackLang: Lang,
): { ok: true; spec: ViewSpec } | { ok: false; reason: string } {
  const lang = LANGS.find((l) => l === q.lang) ?? fallbackLang;
  const bounds = q.bounds?.split(',').map(Number);
  const candidate = {
    title: { [lang]: q.title ?? translator(lang)('appTitle') },
    caption: q.caption ? { [lang]: q.caption } : {},
    credit: q.credit ? { [lang]: q.credit } : {},
    bounds: bounds ?? null,
    filters: {
      from: q.from,
      to: q.to,
      types: list(q.type),
      places: list(q.place),
      actors: list(q.actor),
    },
    highlighted: list(q.highlight) ?? [],
    lang,
    theme: q.theme ?? 'auto',
    ...(q.timebar === undefined ? {} : { timeBar: q.timebar === '1' ? true : q.timebar === '0' ? false : q.timebar }),
    ...(q.inset === undefined ? {} : { inset: q.inset === '1' ? true : q.inset === '0' ? false : q.inset }),
  };
  const r = viewSpecSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!r.success) return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, spec: r.data };
}

/** The dashboard showing what the embed shows, for "Open the full map". */
export function fullMapUrl(spec: ViewSpec, lang: Lang): string {
  const sp = new URLSearchParams({ lang });
  if (spec.filters.from) sp.set('from', spec.filters.from);
  if (spec.filters.to) sp.set('to', spec.filters.to);
  if (spec.filters.types?.length) sp.set('type', spec.filters.types.join(','));
  const [actor, ...more] = spec.filters.actors ?? [];
  if (actor && more.length === 0) sp.set('actor', actor);
  return `/?${sp.toString()}`;
}
