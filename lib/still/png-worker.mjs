// Rasterises still images (SVG to PNG) in a child process of lower priority than the server
// (lib/still/raster.ts): resvg takes seconds for a large image, which in the server would stall
// every other request. Plain JavaScript, loaded by path at run time, so no bundler touches it.
import { Resvg } from '@resvg/resvg-js';

const fontFiles = JSON.parse(process.env.STILL_FONTS ?? '[]');

process.on('message', ({ id, svg, width }) => {
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: width },
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans' },
    });
    process.send({ id, png: resvg.render().asPng() });
  } catch (err) {
    process.send({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
// the server went away: so does this process
process.on('disconnect', () => process.exit(0));
