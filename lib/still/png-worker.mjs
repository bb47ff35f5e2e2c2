// Rasterises still images (SVG to PNG) off the server's request thread: resvg takes seconds for
// a large image, which on the main thread would stall every other request. Plain JavaScript,
// loaded by path at run time (lib/still/raster.ts), so no bundler touches it.
import { parentPort, workerData } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';

const { fontFiles } = workerData;

parentPort.on('message', ({ id, svg, width }) => {
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: width },
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans' },
    });
    const png = resvg.render().asPng();
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
