import { otherMethods } from '@/lib/api/problem';
import { setupResponse } from '@/lib/auth/setup';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** The first administrator, made with the one-time link the server printed (the setup page's form, or JSON). */
export function POST(req: Request): Promise<Response> {
  return setupResponse(req);
}
