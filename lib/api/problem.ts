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

export function notFound(what: string, id: string): Response {
  return problemResponse({ type: '/problems/not-found', title: `${what} not found`, status: 404, detail: `No ${what.toLowerCase()} has the id "${id}".` });
}

/** The last resort: logs the error (never swallowed) and answers 503 when the store is down, 500 otherwise. */
export function serverError(err: unknown): Response {
  console.error('[api]', err);
  const unavailable = err instanceof Error && /ECONNREFUSED|already in use|database|PGlite/i.test(`${err.name} ${err.message}`);
  return problemResponse(
    unavailable
      ? { type: '/problems/store-unavailable', title: 'The incident store is unavailable', status: 503, detail: 'The database could not be reached. Try again shortly.' }
      : { type: '/problems/internal', title: 'Internal error', status: 500, detail: 'Something went wrong on our side; it has been logged.' },
    unavailable ? { 'retry-after': '5' } : {},
  );
}
