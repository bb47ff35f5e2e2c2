import { islandAsset } from '@/lib/embed/island';
import { otherMethods } from '@/lib/api/problem';

/**
 * The embed island's script and stylesheet (scripts/build-embed.ts): names that carry a hash of
 * their content, so cached for good; gzipped at build time, not on every request.
 */
// a page is only read: the other methods answer 405 with Allow (Next's own 405 has none)
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  return islandAsset(req, (await params).file);
}
