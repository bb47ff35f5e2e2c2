/**
 * The embed page's first script (tiny, `async`, in the head): starts MapLibre's worker while the
 * page is still arriving, and hands it to MapLibre when MapLibre asks for a worker of that script.
 *
 * MapLibre makes its worker only once its own module and the island's have come and run (some
 * 800 ms into a cold load on two cores); the worker's script then loads and its thread starts
 * while the page's thread is busy making the map, and the first incidents wait for it
 * (bench:embed, BENCH_TRACE=1). Made here, the worker is running by the time MapLibre wants it.
 * MapLibre's worker says nothing until it is spoken to, so no message is lost before MapLibre
 * listens. Any other worker, or a second one, is made as usual.
 */
import { WORKER_META } from '@/lib/embed/ids';

const url = document.querySelector<HTMLMetaElement>(`meta[name="${WORKER_META}"]`)?.content;
if (url && typeof Worker === 'function') {
  const href = new URL(url, window.location.href).href;
  let early: Worker | null = null;
  try {
    early = new Worker(href, { type: 'module' });
    performance.mark('embed:worker-early');
  } catch {
    early = null;
  }
  if (early) {
    const Native = window.Worker;
    // a stand-in for the constructor until MapLibre has taken the worker made here
    const Handing = function Worker(this: unknown, scriptUrl: string | URL, options?: WorkerOptions) {
      if (early && new URL(String(scriptUrl), window.location.href).pathname === new URL(href).pathname) {
        const w = early;
        early = null;
        window.Worker = Native;
        return w;
      }
      return new Native(scriptUrl, options);
    } as unknown as typeof Worker;
    Handing.prototype = Native.prototype;
    window.Worker = Handing;
  }
}
