import 'server-only';
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import type { Feature } from '@/lib/incident/geojson';
import type { PlacePointProps } from '@/lib/api/geojson';
import { EVENT_TYPE_IDS, type EventType } from '@/lib/domain/taxonomy';
import { escapeHtml } from '@/lib/html';
import { EVENT_TYPE_LABELS, translator, type Lang } from '@/lib/i18n/messages';
import { basemapCredit, type BasemapGeography } from '@/geo/basemap-style';
import { PALETTES, type PaletteName } from '@/geo/palette';
import { precisionAreas } from '@/geo/precision';
import { groupMarks, type Mark, zoomOfWorldWidth } from '@/geo/grouping';
import { groupRadiusPx, incidentRadiusPx, spreadOffsetPx, typeArcs, typeShares } from '@/geo/symbols';
import { REGION_BBOX } from '@/geo/region';
import { textIn } from '../i18n/text';
import type { StillIncidentProps } from '@/lib/incident/geojson';
import { groupItemsOf } from '@/lib/incident/marker';

/** What a still image draws of an incident (the worker is sent only this). */
export interface StaticMapInput {
  title: string;
  credit: string | null;
  lang: Lang;
  palette: PaletteName;
  bounds: [number, number, number, number] | null;
  /** the offline basemap's layers, drawn as the live map draws them */
  geography: BasemapGeography;
  places: Feature<PlacePointProps>[];
  incidents: Feature<StillIncidentProps>[];
  /** incidents the view's editor points out: ringed, as on the live map */
  highlighted: readonly string[];
  width: number;
  height: number;
}

const HEADER = 40;
/** How a line of right-to-left text is anchored at the right edge, as the SVG specification (and browsers) read it. */
export const RTL_ANCHOR = 'text-anchor="start" direction="rtl"';
/**
 * Our SVG as resvg must be given it. In a right-to-left line, SVG's `text-anchor="start"` is the
 * right end, as browsers draw it (RTL_ANCHOR); resvg anchors by the physical end whatever the
 * direction, so for it the same lines say "end" (checked both ways by tests: the title of an
 * Arabic still ends at the right edge in Chromium and in the PNG).
 */
export function forResvg(svg: string): string {
  return svg.replaceAll(RTL_ANCHOR, 'text-anchor="end" direction="rtl"');
}
/** the basemap's credit: its type size, and at most this many lines of it under the legend */
const CREDIT_SIZE = 8.5;
const CREDIT_LINES = 3;
const FOOTER = 38 + CREDIT_LINES * (CREDIT_SIZE + 2.5);

export function staticMapSvg(input: StaticMapInput): string {
  const { width, height, lang } = input;
  const c = PALETTES[input.palette];
  const t = translator(lang);
  const mapH = height - HEADER - FOOTER;
  const [w, s, e, n] = input.bounds ?? focusBounds(input.incidents) ?? REGION_BBOX;
  const box: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'MultiPoint',
          coordinates: [
            [w, s],
            [e, n],
          ],
        },
      },
    ],
  };
  const projection = geoMercator().fitExtent(
    [
      [8, HEADER + 8],
      [width - 8, HEADER + mapH - 8],
    ],
    box,
  );
  const path = geoPath(projection);
  const xy = (lon: number, lat: number) => projection([lon, lat]) ?? [0, 0];
  const out: string[] = [];
  const ringed = new Set(input.highlighted);
  const ring = (x: number, y: number, r: number, colour: string, width: number) =>
    `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="none" stroke="${colour}" stroke-width="${width}"/>`;
  const text = (x: number, y: number, s: string, attrs = '') =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeHtml(s)}</text>`;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Noto Sans, Noto Sans Arabic, Arial, sans-serif" role="img" aria-label="${escapeHtml(input.title)}">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="${c.labelHalo}"/>`);
  out.push(`<clipPath id="m"><rect x="0" y="${HEADER}" width="${width}" height="${mapH}"/></clipPath><g clip-path="url(#m)">`);
  out.push(`<rect x="0" y="${HEADER}" width="${width}" height="${mapH}" fill="${c.sea}"/>`);
  const g = input.geography;
  const draw = (fc: FeatureCollection, attrs: string) => {
    for (const f of fc.features) out.push(`<path d="${path(f) ?? ''}" ${attrs}/>`);
  };
  const lines = (colour: string, w: number, extra = '') =>
    `fill="none" stroke="${colour}" stroke-width="${w}" stroke-linejoin="round" ${extra}`;
  draw(g['land-wide'], `fill="${c.land}"`);
  draw(g.land, `fill="${c.land}"`);
  draw(g.urban, `fill="${c.urban}"`);
  draw(g.lakes, `fill="${c.water}"`);
  draw(g.rivers, lines(c.river, 1.2));
  draw(g.admin1, lines(c.admin1, 1, 'stroke-dasharray="6 2"'));
  draw(
    featuresWhere(g.roads, (p) => !p.major),
    lines(c.road, 0.8),
  );
  draw(
    featuresWhere(g.roads, (p) => p.major === true),
    lines(c.roadMajor, 1.8, 'stroke-linecap="round"'),
  );
  draw(g['borders-wide'], lines(c.border, 1.2, 'stroke-dasharray="4 3"'));
  draw(g.borders, lines(c.border, 1.2, 'stroke-dasharray="4 3"'));
  const located = input.incidents.map((f) => ({
    id: f.id,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
    geoPrecision: f.properties.geoPrecision,
  }));
  for (const a of precisionAreas(located).features) {
    // turf draws rings anticlockwise (RFC 7946); d3-geo reads that as the whole globe but the disc
    const disc = { ...a, geometry: { ...a.geometry, coordinates: a.geometry.coordinates.map((ring) => [...ring].reverse()) } };
    out.push(`<path d="${path(disc) ?? ''}" fill="${c.halo}" fill-opacity="0.16" stroke="${c.halo}" stroke-dasharray="3 3"/>`);
  }
  // grouped as on the live map (geo/grouping), at this image's zoom, its symbols drawn whole: an incident
  // alone, two or three at a point spread around it, more (or any whose symbols would overlap) one group with
  // its count. A ring for those located only to the province, a disc for a town's
  const byId = new Map(input.incidents.map((f) => [f.id, f]));
  const zoom = zoomOfWorldWidth(2 * Math.PI * projection.scale());
  const drawn = groupMarks(groupItemsOf(input.incidents, input.highlighted), zoom, 1);
  const radius = (f: Feature<StillIncidentProps>) => incidentRadiusPx(f.properties.killed?.high ?? 0);
  const centreOf = (m: Mark): [number, number] => {
    const [x, y] = xy(m.lon, m.lat);
    const [dx, dy] = m.kind === 'incident' ? spreadOffsetPx(m.dir, m.d) : [0, 0];
    return [x + dx, y + dy];
  };
  // where each incident symbol is drawn (its centre and reach): names are placed clear of them, as on the live map
  const marks: { x: number; y: number; r: number; at: [number, number] }[] = drawn.map((m) => {
    const [x, y] = centreOf(m);
    const f = m.kind === 'incident' ? byId.get(m.id) : undefined;
    return { x, y, r: m.kind === 'group' ? groupRadiusPx(m.killed) + 5 : (f ? radius(f) : 7) + 3, at: xy(m.lon, m.lat) };
  });
  // labels that would overlap a symbol or another label are left out, places with incidents first
  const placed: [number, number, number, number][] = marks.map((m) => [m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r]);
  const withIncidents = new Set(input.incidents.map((f) => f.properties.placeId));
  const ordered = [...input.places].sort((a, b) => Number(withIncidents.has(b.id)) - Number(withIncidents.has(a.id)));
  for (const p of ordered) {
    const [x, y] = xy(p.geometry.coordinates[0], p.geometry.coordinates[1]);
    if (x < 0 || x > width || y < HEADER || y > HEADER + mapH) continue;
    const name = p.properties.name[lang];
    const half = name.length * 3.2;
    // as far from the dot as the symbols drawn on it reach (the nearest mark's)
    const g = Math.max(4, ...marks.filter((m) => Math.abs(m.at[0] - x) < 1 && Math.abs(m.at[1] - y) < 1).map((m) => m.r + 1));
    // below, above, right, left of the dot: the first that overlaps no symbol or label already placed
    const candidates: { box: [number, number, number, number]; tx: number; ty: number; anchor: string }[] = [
      { box: [x - half, y + g, x + half, y + g + 15], tx: x, ty: y + g + 11, anchor: 'middle' },
      { box: [x - half, y - g - 15, x + half, y - g], tx: x, ty: y - g - 4, anchor: 'middle' },
      { box: [x + g + 2, y - 7, x + g + 2 + 2 * half, y + 7], tx: x + g + 2, ty: y + 4, anchor: 'start' },
      { box: [x - g - 2 - 2 * half, y - 7, x - g - 2, y + 7], tx: x - g - 2, ty: y + 4, anchor: 'end' },
    ];
    const spot = candidates.find(({ box }) => !placed.some((q) => box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]));
    if (p.properties.kind !== 'governorate') out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${c.placeDot}"/>`);
    if (!spot) continue;
    placed.push(spot.box);
    out.push(
      text(
        spot.tx,
        spot.ty,
        name,
        `font-size="11" text-anchor="${spot.anchor}" fill="${c.placeLabel}" stroke="${c.labelHalo}" stroke-width="3" paint-order="stroke"`,
      ),
    );
  }
  for (const m of drawn) {
    const [x, y] = centreOf(m);
    if (m.kind === 'group') {
      const province = m.province;
      const titles = escapeHtml(
        m.ids
          .flatMap((id) => {
            const f = byId.get(id);
            return f ? [textIn(f.properties.title, lang)] : [];
          })
          .join(' · '),
      );
      // sized by the deaths its incidents report, as on the live map (geo/symbols)
      const r = groupRadiusPx(m.killed);
      // a group's rings say what the live map's do: some of its incidents are contested, or highlighted
      if (m.contested) out.push(ring(x, y, r + 6, c.contestedRing, 2));
      if (m.highlighted) out.push(ring(x, y, r + 8.5, c.highlightRing, 3));
      out.push(
        province
          ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${c.groupRing}" fill-opacity="0.2" stroke="${c.groupRing}" stroke-width="3"><title>${titles}</title></circle>`
          : `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${c.clusterFill}" stroke="#ffffff" stroke-width="2"><title>${titles}</title></circle>`,
      );
      // and its ring split in the colours of the types it holds, as on the live map
      const shares = typeShares(EVENT_TYPE_IDS.map((type) => m.types[type]));
      for (const arc of typeArcs(shares)) {
        const type = EVENT_TYPE_IDS[arc.index] as EventType;
        const at = (angle: number) => `${(x + (r - 2) * Math.cos(angle)).toFixed(2)} ${(y + (r - 2) * Math.sin(angle)).toFixed(2)}`;
        const whole = arc.end - arc.start >= 2 * Math.PI - 1e-9;
        out.push(
          whole
            ? ring(x, y, r - 2, c.types[type], 4)
            : `<path d="M ${at(arc.start)} A ${r - 2} ${r - 2} 0 ${arc.end - arc.start > Math.PI ? 1 : 0} 1 ${at(arc.end)}" fill="none" stroke="${c.types[type]}" stroke-width="4"/>`,
        );
      }
      const ink = province ? `fill="${c.placeLabel}" stroke="${c.labelHalo}" stroke-width="3" paint-order="stroke"` : 'fill="#ffffff"';
      out.push(text(x, y + 5, String(m.ids.length), `font-size="14" font-weight="600" text-anchor="middle" ${ink}`));
      continue;
    }
    const f = byId.get(m.id);
    if (!f) continue;
    const province = f.properties.geoPrecision === 3;
    const colour = c.types[f.properties.eventType];
    const r = radius(f);
    // the rings where the live map draws them: a halo 2 px wide 5 px out, 3 px wide 7 px out
    if (f.properties.contested.length) out.push(ring(x, y, r + 6, c.contestedRing, 2));
    if (ringed.has(f.id)) out.push(ring(x, y, r + 8.5, c.highlightRing, 3));
    out.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${province ? r + 1.5 : r + 0.75}" fill="${colour}" fill-opacity="${province ? 0.25 : 0.92}" stroke="${province ? colour : '#ffffff'}" stroke-width="${province ? 3 : 1.5}"><title>${escapeHtml(textIn(f.properties.title, lang))}</title></circle>`,
    );
  }
  out.push('</g>');
  // in Arabic the page runs right to left: title, key and notes start at the right edge
  const rtl = lang === 'ar';
  const edge = rtl ? width - 12 : 12;
  // a right-to-left line starts at its right: "start" (SVG's text-anchor follows the direction, as
  // browsers draw it; the PNG renderer anchors by the physical end instead: forResvg)
  const align = rtl ? `${RTL_ANCHOR} ` : '';
  out.push(text(edge, 26, input.title, `${align}font-size="17" font-weight="600" fill="${c.placeLabel}"`));
  const types = [...new Set(input.incidents.map((f) => f.properties.eventType))].sort() as EventType[];
  let lx = 0;
  for (const type of types) {
    const label = EVENT_TYPE_LABELS[lang][type];
    const cx = rtl ? edge - lx - 5 : edge + lx + 5;
    out.push(`<circle cx="${cx}" cy="${HEADER + mapH + 16}" r="5" fill="${c.types[type]}"/>`);
    out.push(text(rtl ? cx - 9 : cx + 9, HEADER + mapH + 20, label, `${align}font-size="11" fill="${c.placeLabel}"`));
    lx += 24 + label.length * 6;
  }
  const sources = [...new Set(input.incidents.flatMap((f) => f.properties.sources.map((s) => textIn(s.name, lang))))].sort();
  const foot = [
    input.credit ? `${t('credit')}${t('colon')}${input.credit}` : null,
    sources.length ? `${t('sources')}${t('colon')}${sources.join(' · ')}` : null,
  ]
    .filter(Boolean)
    .join(' — ');
  // the basemap's credit, as its sources require it (geo/basemap-nw-syria/SOURCES.md), wrapped to the width
  const credit = wrap(basemapCredit(), Math.floor((width - 24) / (CREDIT_SIZE * 0.52)));
  const creditLines = credit.slice(0, CREDIT_LINES);
  out.push(text(edge, height - 8 - creditLines.length * (CREDIT_SIZE + 2.5), foot, `${align}font-size="10" fill="${c.countryLabel}"`));
  creditLines.forEach((line, i) => {
    out.push(
      // the credit is English: aligned with the rest, read left to right
      text(
        edge,
        height - 6 - (creditLines.length - 1 - i) * (CREDIT_SIZE + 2.5),
        line,
        `${rtl ? 'text-anchor="end" ' : ''}font-size="${CREDIT_SIZE}" fill="${c.countryLabel}"`,
      ),
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** The incidents' extent, padded, when the view sets no bounds (null when there are none). */
function focusBounds(incidents: Feature<StillIncidentProps>[]): [number, number, number, number] | null {
  if (incidents.length === 0) return null;
  const lons = incidents.map((f) => f.geometry.coordinates[0]);
  const lats = incidents.map((f) => f.geometry.coordinates[1]);
  // about the live map's first view around them: the towns named, the province's heart in context
  const pad = 0.2;
  return [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
}

/** The features of a layer whose properties pass `test`. */
function featuresWhere(fc: FeatureCollection, test: (p: Record<string, unknown>) => boolean): FeatureCollection {
  return { ...fc, features: fc.features.filter((f) => test(f.properties ?? {})) };
}

/** Words into lines of at most `max` characters (a word longer than that stands alone). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
