import { otherMethods } from '@/lib/api/problem';
import { changePasswordResponse } from '@/lib/auth/sign-in-out';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** The signed-in editor's own password changed `{current, next}`: their other sessions end, this one is renewed. */
export function POST(req: Request): Promise<Response> {
  return changePasswordResponse(req);
}
