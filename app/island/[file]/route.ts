import { islandAsset } from '@/lib/embed/island';

/**
 * The embed island's script and stylesheet (scripts/build-embed.ts): names that carry a hash of
 * their content, so cached for good; gzipped at build time, not on every request.
 */
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  return islandAsset(req, (await params).file);
}
