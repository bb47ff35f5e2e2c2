'use client';
import type { Translate } from '@/lib/i18n/messages';
import { exportQuery, type ViewState } from '@/lib/state';

/**
 * "Download": the incidents the filters show, as CSV (ACLED's columns, then every claim) or
 * GeoJSON. Plain links to the export routes; a native disclosure, so the keyboard and screen
 * readers need nothing more.
 */
export default function DownloadMenu({ filters, t }: { filters: Pick<ViewState, 'from' | 'to' | 'types' | 'actor'>; t: Translate }) {
  const query = exportQuery(filters);
  return (
    <details className="relative text-sm" data-testid="download-menu">
      <summary className="cursor-pointer list-none rounded border border-slate-900 px-2 py-1 focus:outline-2 focus:outline-blue-600">
        {t('download')}
      </summary>
      <div className="absolute end-0 z-40 mt-1 w-64 rounded border border-slate-300 bg-white p-2 shadow-lg">
        <p className="pb-2 text-xs text-slate-700">{t('downloadHint')}</p>
        <ul className="space-y-1">
          <li>
            <a className="text-blue-800 underline" href={`/api/incidents.csv${query}`} download data-testid="download-csv">
              {t('downloadCsv')}
            </a>
          </li>
          <li>
            <a className="text-blue-800 underline" href={`/api/incidents.geojson${query}`} download data-testid="download-geojson">
              {t('downloadGeoJson')}
            </a>
          </li>
        </ul>
      </div>
    </details>
  );
}
