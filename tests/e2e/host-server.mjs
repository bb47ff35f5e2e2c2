// A stand-in for a newsroom's site, on its own origin: serves the saved article fixture with
// the embed code given in ?embed= pasted in. Test use only; listens on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';

const port = Number(process.argv[2] ?? 3304);
const template = fs.readFileSync(new URL('../fixtures/host-article.html', import.meta.url), 'utf8');
http
  .createServer((req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    if (url.pathname === '/health') return res.end('ok');
    if (url.pathname !== '/article') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(template.replace('{{EMBED}}', url.searchParams.get('embed') ?? ''));
  })
  .listen(port, '127.0.0.1');
