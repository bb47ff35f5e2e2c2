/**
 * A list's cursor as the API hands it out: opaque to clients (base64url of the last row's date
 * and id). Shared by the server and the pages that build links; read back by lib/api/params.ts.
 */
export function encodeCursor(c: { date: string; id: string }): string {
  const bytes = new TextEncoder().encode(JSON.stringify([c.date, c.id]));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
