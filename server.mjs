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

const server = createServer((req, res) => {
  if (!trustProxy) for (const h of FORWARDED) delete req.headers[h];
  handle(req, res);
});
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
