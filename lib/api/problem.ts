import { isStoreUnavailable } from '../db/errors';

/** RFC 9457 problem details. Every error the API returns goes through here. */
export interface InvalidParam {
  name: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  invalidParams?: InvalidParam[];
}

export function problemResponse(p: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}

export function badRequest(invalidParams: InvalidParam[]): Response {
  return problemResponse({
    type: '/problems/invalid-parameters',
    title: 'Invalid request parameters',
    status: 400,
    detail: invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
    invalidParams,
  });
}

/** A body that parses but says something impossible (RFC 9110 422), naming where. */
export function unprocessable(invalidParams: InvalidParam[]): Response {
  return problemResponse({
    type: '/problems/invalid-body',
    title: 'The request body is not valid',
    status: 422,
    detail: invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
    invalidParams,
  });
}

/** Reads a JSON body, or answers 400 (not JSON) / 415 (not declared as JSON). */
export async function readJson(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (!(req.headers.get('content-type') ?? '').includes('json')) {
    return {
      ok: false,
      response: problemResponse({
        type: '/problems/unsupported-media-type',
        title: 'Send JSON',
        status: 415,
        detail: 'The body must be application/json.',
      }),
    };
  }
  try {
    return { ok: true, value: await req.json() };
  } catch {
    return {
      ok: false,
      response: problemResponse({
        type: '/problems/malformed-json',
        title: 'Malformed JSON',
        status: 400,
        detail: 'The body could not be parsed as JSON.',
      }),
    };
  }
}

/** zod issues as invalid parameters: the path joined with dots ("filters.from"). */
export function issuesToParams(issues: readonly { path: PropertyKey[]; message: string }[]): InvalidParam[] {
  return issues.map((i) => ({ name: i.path.map(String).join('.') || '(body)', reason: i.message }));
}

export function notFound(what: string, id: string): Response {
  return problemResponse({
    type: '/problems/not-found',
    title: `${what} not found`,
    status: 404,
    detail: `No ${what.toLowerCase()} has the id "${id}".`,
  });
}

/** The last resort: logs the error (never swallowed) and answers 503 when the store is down, 500 otherwise. */
export function serverError(err: unknown): Response {
  console.error('[api]', err);
  const unavailable = isStoreUnavailable(err);
  return problemResponse(
    unavailable
      ? {
          type: '/problems/store-unavailable',
          title: 'The incident store is unavailable',
          status: 503,
          detail: 'The database could not be reached. Try again shortly.',
        }
      : {
          type: '/problems/internal',
          title: 'Internal error',
          status: 500,
          detail: 'Something went wrong on our side; it has been logged.',
        },
    unavailable ? { 'retry-after': '5' } : {},
  );
}
