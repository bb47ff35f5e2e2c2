/**
 * Views of more incidents than a page carries, on both engines with generated incidents: a
 * pinned view's snapshot keeps the oldest 2,000 and its embed says so; the live embed of the
 * same view carries none and draws tiles, saying how many there are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createView } from '@/lib/db/views';
import type { Db } from '@/lib/db/store';
import { viewSpecSchema } from '@/lib/domain/view';
import { loadEmbed } from '@/lib/embed/props';
import { fillSynthetic } from '@/lib/synthetic/fill';
import { MAX_VIEW_INCIDENTS, publish, viewSnapshot } from '@/lib/views/incidents';
import { storeEngines } from '../engines';

describe.each(storeEngines('views_scale'))('a view of many incidents on $name', ({ open }) => {
  let db: Db | null = null;
  beforeAll(async () => {
    db = await open();
    if (db) await fillSynthetic(db, { count: 2100, seed: 5 });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('pinned, keeps the oldest 2,000 and says how many it matched; live, carries none and draws tiles', async (ctx) => {
    if (!db) return ctx.skip();
    const spec = viewSpecSchema.parse({ title: { en: 'Everything' } });
    const view = await createView(db, spec);
    const published = await publish(db, view, true);
    if (!published) throw new Error('not published');
    const snapshot = await viewSnapshot(db, view.id);
    // the seed's six and the 2,100 generated
    expect(snapshot?.matched).toEqual({ n: 2106, exact: true });
    expect(snapshot?.incidents).toHaveLength(MAX_VIEW_INCIDENTS);
    const pinned = await loadEmbed(db, spec, published, false);
    expect(pinned.pinned?.cut).toEqual({ shown: 2000, matched: 2106, exact: true });
    expect(pinned.large).toBeNull();
    const live = await loadEmbed(db, spec, published, true, 'fr');
    expect(live.incidents).toEqual([]);
    expect(live.large).toMatchObject({ matched: 2106, exact: true, tileJson: '/api/tiles.json' });
    expect(live.large?.sources).toEqual(
      expect.arrayContaining(['Agence France-Presse (AFP)', 'Observatoire synthétique (généré, fictif)']),
    );
    // a small view is carried whole and says nothing of a cut
    const small = viewSpecSchema.parse({ title: { en: 'Qaminas' }, filters: { places: ['qminas'] } });
    const one = await loadEmbed(db, small, null, true);
    expect(one.incidents).toHaveLength(1);
    expect(one.large).toBeNull();
  });
});
