import { stillImage } from '@/lib/still/handler';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** The view's still image as PNG: for social cards and anything that cannot show SVG. */
export function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return stillImage(req, ctx, 'png');
}
