/**
 * A page that only says something (an address that cannot be read, data out of reach), in the
 * reader's language and direction: plain HTML with no script, answered with its own status, for
 * the paths where Next.js would otherwise answer with its error page or a problem+json body.
 */
import 'server-only';
import { dirOf, type Lang, type MessageKey, translator } from '../i18n/messages';

const escaped = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function messagePage(
  lang: Lang,
  { title, message }: { title: MessageKey; message: MessageKey },
  status: number,
  headers: Record<string, string> = {},
): Response {
  const t = translator(lang);
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escaped(t(title))} · ${escaped(t('appTitle'))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#0f172a;background:#f8fafc}a{color:#1e40af}
@media (prefers-color-scheme:dark){body{color:#f1f5f9;background:#020617}a{color:#bfdbfe}}</style></head>
<body dir="${dirOf(lang)}"><main><h1>${escaped(t(title))}</h1><p role="alert" data-testid="message-page">${escaped(t(message))}</p><p><a href="/?lang=${lang}">${escaped(t('openMap'))}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
