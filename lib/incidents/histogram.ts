/** GET /api/histogram: incidents and deaths per day, week or month for a filter. */
import 'server-only';
import { parseIncidentQuery, single } from '@/lib/api/params';
import { badRequest, serverError } from '@/lib/api/problem';
import { preparedResponse, sharedCache } from '@/lib/api/prepared';
import { getDb } from '@/lib/db';
import { histogram, type Bin } from '@/lib/db/histogram';
import { storeVersion } from '@/lib/db/version';
import { cachedRender, renderCacheHeader } from '@/lib/render-cache';

const BINS: Bin[] = ['day', 'week', 'month'];

/**
 * Incidents and net deaths per day, ISO week or month and per type (`?bin=`), for the filters of
 * /api/incidents. Every dashboard load asks for the same one: made once per store version.
 */
export async function histogramGet(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const errors: { name: string; reason: string }[] = [];
  const raw = single(sp, errors)('bin') ?? 'month';
  if (!errors.length && !(BINS as string[]).includes(raw)) errors.push({ name: 'bin', reason: `expected one of ${BINS.join(', ')}` });
  for (const name of ['limit', 'cursor', 'order'])
    if (sp.has(name)) errors.push({ name, reason: 'a histogram holds every match: not a histogram parameter' });
  sp.delete('bin');
  const parsed = parseIncidentQuery(sp);
  if (!parsed.ok) errors.push(...parsed.errors);
  if (errors.length || !parsed.ok) return badRequest(errors);
  const { limit: _l, cursor: _c, order: _o, ...filter } = parsed.value;
  try {
    const db = await getDb();
    const key = JSON.stringify(['histogram', await storeVersion(db), raw, filter]);
    const rendered = await cachedRender(key, async () => JSON.stringify(await histogram(db, raw as Bin, filter)));
    if (!rendered) throw new Error('a histogram always renders');
    return preparedResponse(req, rendered.body, {
      contentType: 'application/json; charset=utf-8',
      headers: { ...sharedCache(30), ...renderCacheHeader(rendered) },
    });
  } catch (err) {
    return serverError(err);
  }
}
