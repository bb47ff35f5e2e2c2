import { stillImage } from '@/lib/still/handler';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** The view's still image as SVG: for <noscript>, print and link previews. */
export function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return stillImage(req, ctx, 'svg');
}
