/**
 * The production server: Next.js behind a plain Node HTTP server, for one reason. Next keeps any
 * X-Forwarded-* header a client sends and fills in only the missing ones, so without a proxy a
 * client could choose the address it is rate-limited under, or the host our links are made from.
 * Here, unless TRUST_PROXY=1 says a proxy of ours sets them, those headers are dropped before
 * Next sees them, and Next fills them in from the connection itself.
 *
 * Usage: node server.mjs [-p PORT] [-H HOSTNAME]   (PORT and HOSTNAME also from the environment)
 */
import { createServer } from 'node:http';

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('-p') ?? process.env.PORT ?? 3000);
const hostname = arg('-H') ?? process.env.HOSTNAME ?? '0.0.0.0';
const trustProxy = process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

// the product runs offline: no telemetry, and no notice about it (set before Next.js is loaded)
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
// where this server is reached, for the links it prints (the first administrator's setup link)
process.env.SERVED_AT = `http://${['0.0.0.0', '::'].includes(hostname) ? 'localhost' : hostname}:${port}`;
const { default: next } = await import('next');
const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// answers the app left to be given again as they are (lib/front.ts): the same box of incidents,
// the same embed page, asked by a crowd, is answered here without going through Next.js
const FRONT = Symbol.for('conflict-map.front');
// the requests being answered, uploads apart: an import waits for them between its batches (lib/requests.ts)
const IN_FLIGHT = Symbol.for('conflict-map.requests-in-flight');
globalThis[IN_FLIGHT] = 0;
const server = createServer(async (req, res) => {
  if (!trustProxy) for (const h of FORWARDED) delete req.headers[h];
  if (!(req.method === 'POST' && req.url?.startsWith('/api/imports'))) {
    globalThis[IN_FLIGHT]++;
    res.once('close', () => globalThis[IN_FLIGHT]--);
  }
  const front = globalThis[FRONT];
  try {
    if (req.method === 'GET' && front && (await front.serve(req, res))) return;
  } catch (err) {
    console.error('[front]', err);
    if (res.headersSent) return void res.destroy();
  }
  handle(req, res);
});
// an idle kept-alive connection is closed by the client first (browsers, undici and proxies wait
// seconds, not a minute): with Node's 5 s, a burst that blocked the event loop had the server
// close hundreds of sockets at once, each just as its client sent the next request (ECONNRESET)
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(
    `> Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}${trustProxy ? ' (trusting X-Forwarded-* from a proxy)' : ''}`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // connections kept alive would hold the close: end them after a moment
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
