/**
 * The still-image worker: a child process of lower priority than the server (lib/still/raster.ts
 * starts it) that draws a view's SVG from the data the server read, and rasterises it to PNG.
 * Drawing projects every incident and the basemap's geography, and resvg takes seconds for a
 * large image: in the server either would stall every other request. Bundled on its own by
 * scripts/build-still.ts into build/still/worker.mjs; never imported by the app.
 */
import 'server-only';
import { Resvg } from '@resvg/resvg-js';
import { basemapGeography } from '../basemap-files';
import { forResvg, type StaticMapInput, staticMapSvg } from './draw';

/** What the server sends: the still's data (its geography the worker reads itself), and whether a PNG is wanted. */
export interface StillJobMessage {
  id: number;
  input: Omit<StaticMapInput, 'geography'>;
  png: boolean;
}
export interface StillDoneMessage {
  id: number;
  svg?: string;
  png?: Uint8Array;
  error?: string;
}

const fontFiles = JSON.parse(process.env.STILL_FONTS ?? '[]') as string[];

function draw({ id, input, png }: StillJobMessage): StillDoneMessage {
  const svg = staticMapSvg({ ...input, geography: basemapGeography() });
  if (!png) return { id, svg };
  const resvg = new Resvg(forResvg(svg), {
    fitTo: { mode: 'width', value: input.width },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans' },
  });
  return { id, svg, png: resvg.render().asPng() };
}

process.on('message', (job: StillJobMessage) => {
  let done: StillDoneMessage;
  try {
    done = draw(job);
  } catch (err) {
    done = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  process.send?.(done);
});
// the server went away: so does this process
process.on('disconnect', () => process.exit(0));
