import type { EventType } from '@/lib/domain/taxonomy';
import { PALETTES, type PaletteName } from '@/geo/palette';
import { EVENT_TYPE_LABELS, type Lang, type Translate } from '@/lib/i18n/messages';

/** The legend's marks besides the types' colours and the size: each listed only when the map shows it. */
export interface LegendMarks {
  /** a ring: an incident located only to its province */
  province: boolean;
  /** a shaded area: an incident located only approximately (shown on hover or selection) */
  area: boolean;
  /** an outer ring: sources disagree */
  contested: boolean;
}
export const ALL_MARKS: LegendMarks = { province: true, area: true, contested: true };

/** Which marks these incidents are drawn with. */
export function marksOf(items: readonly { properties: { geoPrecision: number; contested: readonly unknown[] } }[]): LegendMarks {
  return {
    province: items.some((f) => f.properties.geoPrecision === 3),
    area: items.some((f) => f.properties.geoPrecision !== 1),
    contested: items.some((f) => f.properties.contested.length > 0),
  };
}

/**
 * What the symbols mean: colour by event type (those on the map), size, precision rings and
 * areas, contested rings. Swatches take the map's own palette, so they match it in either theme.
 */
export default function Legend({
  types,
  lang,
  t,
  palette = 'light',
  shown = ALL_MARKS,
}: {
  types: EventType[];
  lang: Lang;
  t: Translate;
  palette?: PaletteName;
  /** which of the other marks the map shows now (all, when it cannot tell: vector tiles) */
  shown?: LegendMarks;
}) {
  const c = PALETTES[palette];
  const neutral = c.types['strategic-developments'];
  return (
    <section aria-labelledby="legend-title" className="mt-4 text-xs" data-testid="legend">
      <h2 id="legend-title" className="text-sm font-semibold">
        {t('legend')}
      </h2>
      <ul className="mt-1 space-y-1">
        {types.map((type) => (
          <li key={type} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-full border border-white"
              style={{ background: c.types[type] }}
              data-swatch="type"
            />
            {EVENT_TYPE_LABELS[lang][type]}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-flex items-end gap-0.5">
            <span className="inline-block h-2 w-2 rounded-full" style={{ background: neutral }} data-swatch="size" />
            <span className="inline-block h-4 w-4 rounded-full" style={{ background: neutral }} />
          </span>
          {t('legendSize')}
        </li>
        {shown.province && (
          <li className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-full border-[3px]"
              style={{ borderColor: c.groupRing, background: `${c.groupRing}40` }}
              data-swatch="province"
            />
            {t('legendProvince')}
          </li>
        )}
        {shown.area && (
          <li className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-5 rounded-full border border-dashed"
              style={{ borderColor: c.halo, background: `${c.halo}26` }}
              data-swatch="area"
            />
            {t('legendArea')}
          </li>
        )}
        {shown.contested && (
          <li className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-flex h-4 w-4 items-center justify-center rounded-full border-2"
              style={{ borderColor: c.contestedRing }}
              data-swatch="contested"
            >
              <span className="inline-block h-2 w-2 rounded-full" style={{ background: neutral }} />
            </span>
            {t('legendContested')}
          </li>
        )}
      </ul>
    </section>
  );
}
