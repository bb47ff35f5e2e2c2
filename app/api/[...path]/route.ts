import { noSuchResource } from '@/lib/api/problem';

/**
 * Any address under /api that no route answers: a 404 problem, like every other API error,
 * rather than the site's HTML page (a client reading JSON would choke on it). Reached, for one,
 * by an id of "." (`%2e`), which URL parsers resolve away before the request is sent.
 */
export const dynamic = 'force-dynamic';

const answer = (req: Request) => noSuchResource(new URL(req.url).pathname);
export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE };
