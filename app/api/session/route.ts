import { otherMethods } from '@/lib/api/problem';
import { currentSession, signInResponse } from '@/lib/auth/sign-in-out';

export const dynamic = 'force-dynamic';

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');

/** Who is signed in (and the CSRF token their pages send with writes), or `editor: null`. */
export function GET(req: Request): Promise<Response> {
  return currentSession(req);
}

/** Signs an editor in: JSON `{name, password}` or the sign-in page's form. */
export function POST(req: Request): Promise<Response> {
  return signInResponse(req);
}
