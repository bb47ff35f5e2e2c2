import { otherMethods } from '@/lib/api/problem';
import { signOutResponse } from '@/lib/auth/sign-in-out';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** Ends the editor's session (CSRF token in X-CSRF-Token, or the desk form's `csrf` field). */
export function POST(req: Request): Promise<Response> {
  return signOutResponse(req);
}
