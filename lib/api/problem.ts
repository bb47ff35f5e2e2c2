import 'server-only';
import type { Answer } from './prepared';
import { isStoreUnavailable } from '../db/errors';
import type { FieldProblem } from '../domain/schema';

/** RFC 9457 problem details. Every error the API returns goes through here. */
export type InvalidParam = FieldProblem;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  invalidParams?: InvalidParam[];
  /** RFC 9457 extension members (an edit conflict carries the current version) */
  [extension: string]: unknown;
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  const a = problemAnswer(p, headers);
  return new Response(a.body && new Uint8Array(a.body), { status: a.status, headers: a.headers });
}

/** A problem's answer, before it is a Response (lib/front.ts writes it to Node's own). */
export function problemAnswer(p: Problem, headers: Record<string, string> = {}): Answer {
  return {
    status: p.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    body: new TextEncoder().encode(JSON.stringify(p)),
  };
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

/** The largest JSON body a write accepts (an incident with every claim at its longest fits). */
export const MAX_JSON_BODY = 4 * 1024 * 1024;

function tooLarge(max: number): Response {
  return problemResponse({
    type: '/problems/body-too-large',
    title: 'The request body is too large',
    status: 413,
    detail: `A body may hold at most ${max} bytes.`,
  });
}

/**
 * Reads a body up to `max` bytes: a declared Content-Length over it is refused before any byte
 * is read, and a body that grows past it while streaming is cut off there (never silently cut
 * and parsed).
 */
export async function readCapped(req: Request, max: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (declared > max) return { ok: false, response: tooLarge(max) };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body?.getReader();
  for (;;) {
    if (!reader) break;
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: tooLarge(max) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

const malformed = (detail: string) => problemResponse({ type: '/problems/malformed-json', title: 'Malformed JSON', status: 400, detail });

/** Reads a JSON body, or answers 400 (not JSON, not UTF-8) / 413 (too large) / 415 (not declared as JSON). */
export async function readJson(
  req: Request,
  max = MAX_JSON_BODY,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
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
  const body = await readCapped(req, max);
  if (!body.ok) return body;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
  } catch {
    return { ok: false, response: malformed('The body is not valid UTF-8.') };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: malformed('The body could not be parsed as JSON.') };
  }
}

/**
 * Reads the fields of one of our HTML forms (urlencoded, which works without JavaScript) or of
 * JSON sent by a script or a page: `form` says which, for the answer's kind (a redirect or JSON).
 * 415 for any other body, 413 past `max`, 400 for JSON that does not parse to an object.
 */
export async function readFormOrJson(
  req: Request,
  max: number,
  what: string,
): Promise<{ ok: true; form: boolean; fields: Record<string, unknown> } | { ok: false; response: Response }> {
  const type = req.headers.get('content-type') ?? '';
  const form = type.startsWith('application/x-www-form-urlencoded');
  if (!form && !type.includes('json'))
    return {
      ok: false,
      response: problemResponse({
        type: '/problems/unsupported-media-type',
        title: 'Send JSON or a form',
        status: 415,
        detail: `${what} with application/json or a form.`,
      }),
    };
  const body = await readCapped(req, max);
  if (!body.ok) return body;
  const text = new TextDecoder().decode(body.bytes);
  if (form) return { ok: true, form, fields: Object.fromEntries(new URLSearchParams(text)) };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ok: true, form, fields: value as Record<string, unknown> };
    return { ok: false, response: malformed('The body must be a JSON object.') };
  } catch {
    return { ok: false, response: malformed('The body could not be parsed as JSON.') };
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

/** 404 for an address under /api that no route answers. */
export function noSuchResource(path: string): Response {
  return problemResponse({
    type: '/problems/not-found',
    title: 'No such resource',
    status: 404,
    detail: `Nothing in the API answers at ${path}. The API is described in docs/api.md.`,
  });
}

/** 422: a reading as of a moment since which more incidents changed than such a reading takes. */
export function tooMuchChanged(asOf: string, max: number): Response {
  return problemResponse({
    type: '/problems/too-much-changed',
    title: 'Too much has changed since then',
    status: 422,
    detail: `More than ${max} incidents have been written since ${asOf} (an import, or generated data): the data is read as of moments since which at most ${max} have changed. Choose a later moment.`,
    invalidParams: [{ name: 'asOf', reason: `more than ${max} incidents changed since` }],
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Handlers for the methods a route does not offer: 405 as a problem naming the ones it does
 * (the router's own 405 has no body). `export const { PUT, … } = otherMethods('GET')`.
 */
export function otherMethods(...allow: Method[]): Record<Method, () => Response> {
  const allowed = allow.includes('GET') ? [...allow, 'HEAD'] : allow;
  const refuse = () =>
    problemResponse(
      {
        type: '/problems/method-not-allowed',
        title: 'Method not allowed',
        status: 405,
        detail: `This resource answers ${allowed.join(', ')} only.`,
      },
      { allow: allowed.join(', ') },
    );
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
