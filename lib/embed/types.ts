/** What an embed's page hands its components: shared by the server that renders it and the browser that hydrates it. */
import type { InlineGeography } from '@/geo/basemap-style';
import type { Feature, FeatureCollection, IncidentDetailProps } from '@/lib/incident/geojson';
import type { PlacePointProps } from '@/lib/api/geojson';
import type { ViewSpec } from '@/lib/domain/view';
import type { Lang } from '@/lib/i18n/messages';

export interface PinnedNote {
  publishedAt: string;
  /** the incidents differ now from the snapshot: a correction happened */
  changed: boolean;
  liveUrl: string;
  /** the page comparing the snapshot with today's data, incident by incident */
  changesUrl: string;
  /** the snapshot holds the oldest `shown` of the `matched` incidents the view matched when published */
  cut: { shown: number; matched: number; exact: boolean } | null;
}

/** A view matching more incidents than an embed carries: the map draws tiles, and says so. */
export interface LargeView {
  /** how many incidents match (at least, when `exact` is false) */
  matched: number;
  exact: boolean;
  /** the TileJSON of the view's filters */
  tileJson: string;
  /** the view's histogram, less its `bin` */
  histogram: string;
  /** the names of the sources the matching incidents cite, in the page's language */
  sources: string[];
}

export interface EmbedMapProps {
  viewId: string | null;
  spec: ViewSpec;
  lang: Lang;
  incidents: Feature<IncidentDetailProps>[];
  places: FeatureCollection<PlacePointProps>;
  pinned: PinnedNote | null;
  /** set when the view matches more than an embed carries: `incidents` is then empty */
  large: LargeView | null;
  fullMapUrl: string;
  styleUrl: string | null;
  /** the offline basemap's geography, carried by the page so the map needs no request for it */
  geography: InlineGeography | null;
  /** MapLibre's worker script, when not the dashboard's */
  workerUrl?: string;
}
