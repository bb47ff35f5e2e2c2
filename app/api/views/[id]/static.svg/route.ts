import { stillImage } from '@/lib/still/handler';

export const dynamic = 'force-dynamic';

/** The view's still image as SVG: for <noscript>, print and link previews. */
export function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return stillImage(req, ctx, 'svg');
}
