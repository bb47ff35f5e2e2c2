import { parseIncidentQuery, single } from '@/lib/api/params';
import { badRequest, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';
import { getDb } from '@/lib/db';
import { type Bin, histogram } from '@/lib/db/histogram';

export const dynamic = 'force-dynamic';

const BINS: Bin[] = ['day', 'week', 'month'];

/** Incidents and net deaths per day, ISO week or month and per type (`?bin=`), for the filters of /api/incidents. */
export async function GET(req: Request): Promise<Response> {
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
    return cachedJson(req, await histogram(await getDb(), raw as Bin, filter));
  } catch (err) {
    return serverError(err);
  }
}
