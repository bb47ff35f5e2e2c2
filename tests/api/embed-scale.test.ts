/**
 * An embed of more incidents than it carries (EMBED_INLINE_MAX, here 2 against the seed's 6):
 * its page holds none of them and draws tiles instead, says how many there are, still names the
 * sources they cite, and opens an incident by fetching it. Over real HTTP, on PGlite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';

describe('an embed past what it carries', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(3323, { PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'embed-scale-')), EMBED_INLINE_MAX: '2' });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('carries no incident, draws the tiles of its filters, says how many, and keeps its sources', async () => {
    const res = await fetch(`${server.url}/embed?lang=en&type=battles,explosions-remote-violence`);
    expect(res.status).toBe(200);
    const html = await res.text();
    // the seed's battles and explosions: all six, more than the two an embed carries here
    expect(html).toContain('data-testid="large-note"');
    expect(html).toContain('6 incidents: grouped on the map until you zoom in.');
    expect(html).toContain('/api/tiles.json?type=battles%2Cexplosions-remote-violence');
    // none of the incidents' own text is in the page; their sources are named
    expect(html).not.toContain('Attacks on government positions around Qaminas');
    expect(html).toMatch(/Agence France-Presse|AFP/);
    // and what the page points the map at answers with the same filters
    const tj = await (await fetch(`${server.url}/api/tiles.json?type=battles,explosions-remote-violence`)).json();
    expect(tj.tiles[0]).toContain('type=battles%2Cexplosions-remote-violence');
  });

  it('still carries a small view whole', async () => {
    const html = await (await fetch(`${server.url}/embed?lang=en&place=qminas`)).text();
    expect(html).not.toContain('data-testid="large-note"');
    expect(html).toContain('Attacks on government positions around Qaminas');
  });
});
