/**
 * A newcomer's first account, over real HTTP on a fresh PGlite store with no EDITOR_TOKEN: the
 * server prints a one-time setup link (and writes it beside the store); commands that cannot open
 * the store beside the running server say so in one line with what to do; the link makes one
 * administrator, signed in at once, and then works no more. An account an administrator makes
 * has a one-time password that must be changed before anything else is allowed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORT = 3341;
const PASSWORD = 'the first administrator’s passphrase';

let server: RunningServer;
let dir: string;

/** The setup link the server printed (it comes just after the store opens). */
async function printedLink(s: RunningServer): Promise<string | null> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const m = /\[setup\]\s+(http:\/\/\S+\/editor\/setup\?token=[\w-]+)/.exec(s.output());
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '', EDITOR_TOKEN: '', SERVED_AT: '', PUBLIC_ORIGIN: '' },
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const cookieOf = (res: Response) => `cm_session=${/^cm_session=([^;]*)/.exec(res.headers.getSetCookie()[0] ?? '')?.[1]}`;
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    redirect: 'manual',
  });

describe('the first administrator, made with the link the server prints', () => {
  let link: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-admin-'));
    server = await startServer(PORT, { PGLITE_DIR: dir, EDITOR_TOKEN: '' });
    const printed = await printedLink(server);
    if (!printed) throw new Error(`no setup link printed:\n${server.output()}`);
    link = printed;
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints a link to this server and writes it beside the store, readable by its owner only', () => {
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/editor/setup\\?token=[\\w-]{43}$`));
    const file = path.join(dir, '.setup-link');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(link);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a command beside the running server says in one line why it cannot, and what to do; never a stack trace', () => {
    const add = run('scripts/editor.ts', ['add', 'samira']);
    expect(add.status).toBe(1);
    const lines = add.err.trim().split('\n');
    expect(lines[0]).toMatch(
      /^npm run editor -- add: the server \(process \d+\) is using the store at .+, and only one process may open it: an administrator manages accounts on the desk at http:\/\/localhost:3000\/editor\/accounts while it runs, or stop the server and run this again\.$/,
    );
    // no account yet: where the first one is made
    expect(lines[1]).toBe(`No editor account yet: make the first administrator at ${link}`);
    expect(lines).toHaveLength(2);
    expect(add.err).not.toMatch(/Error|\n\s+at /);

    const imported = run('scripts/import.ts', [path.join(ROOT, 'tests/fixtures/imports/acled-nayrab.csv')]);
    expect(imported.status).toBe(1);
    expect(imported.err.split('\n')[0]).toMatch(
      /^npm run import: the server \(process \d+\) is using the store at .+: send the file to it instead \(curl --data-binary @.+acled-nayrab\.csv .+\/api\/imports\), or stop the server and run this again\.$/,
    );
    expect(imported.err).not.toMatch(/Error|\n\s+at /);
  });

  it('the setup page offers the form for the printed link only', async () => {
    // in the reader's language, from the browser's
    const page = await (await fetch(link, { headers: { 'accept-language': 'en-GB,en;q=0.8' } })).text();
    expect(page).toContain('Make the first administrator');
    expect(page).toContain('action="/api/setup"');
    const stale = await (await fetch(`${server.url}/editor/setup?token=${'x'.repeat(43)}&lang=fr`)).text();
    expect(stale).toContain('data-testid="setup-unknown"');
    expect(stale).not.toContain('action="/api/setup"');
    // the sign-in page says where the first account is made
    expect(await (await fetch(`${server.url}/editor/sign-in?lang=en`)).text()).toContain('No editor account exists yet');
  });

  it('refuses another site, a wrong link and a weak password; makes the administrator once, signed in', async () => {
    const token = new URL(link).searchParams.get('token')!;
    const url = `${server.url}/api/setup`;
    expect((await post(url, { token, name: 'samira', password: PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403);
    const wrong = await post(url, { token: 'y'.repeat(43), name: 'samira', password: PASSWORD });
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { type: string }).type).toBe('/problems/setup-link-unknown');
    const weak = await post(url, { token, name: 'samira', password: 'short' });
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe('password');

    const made = await post(url, { token, name: 'samira', password: PASSWORD });
    expect(made.status).toBe(201);
    const body = (await made.json()) as { editor: { name: string; role: string }; csrf: string };
    expect(body.editor).toEqual({ name: 'samira', role: 'admin' });
    const cookie = cookieOf(made);
    // signed in: the session writes (a view) with its CSRF token
    const view = await post(`${server.url}/api/views`, { title: { en: 'First view' } }, { cookie, 'x-csrf-token': body.csrf });
    expect(view.status).toBe(201);

    const again = await post(url, { token, name: 'intruder', password: PASSWORD });
    expect(again.status).toBe(410);
    expect(await (await fetch(link)).text()).toContain('data-testid="setup-used"');
    expect(fs.existsSync(path.join(dir, '.setup-link'))).toBe(false);
  });

  it('an account made by the administrator must change its one-time password before anything else', async () => {
    const admin = await post(`${server.url}/api/session`, { name: 'samira', password: PASSWORD });
    const { csrf } = (await admin.json()) as { csrf: string };
    const created = await post(
      `${server.url}/api/editors`,
      { name: 'rana', role: 'editor' },
      { cookie: cookieOf(admin), 'x-csrf-token': csrf },
    );
    expect(created.status).toBe(201);
    const oneTime = ((await created.json()) as { password: string }).password;

    const signedIn = await post(`${server.url}/api/session`, { name: 'rana', password: oneTime });
    const s = (await signedIn.json()) as { csrf: string; mustChangePassword?: boolean };
    expect(s.mustChangePassword).toBe(true);
    const cookie = cookieOf(signedIn);
    const session = (await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as { mustChangePassword?: boolean };
    expect(session.mustChangePassword).toBe(true);
    const refused = await post(`${server.url}/api/views`, { title: { en: 'Too soon' } }, { cookie, 'x-csrf-token': s.csrf });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/password-change-required');
    // the desk's pages send the editor to choose a password first, then back
    const desk = await fetch(`${server.url}/editor?lang=fr`, { headers: { cookie }, redirect: 'manual' });
    expect(desk.status).toBe(307);
    expect(desk.headers.get('location')).toBe('/editor/password?next=%2Feditor&lang=fr');
    // the form's sign-in goes there at once
    const form = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'rana', password: oneTime, next: '/editor/records', lang: 'ar' }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/editor/password?next=%2Feditor%2Frecords&lang=ar');

    const changed = await post(
      `${server.url}/api/session/password`,
      { current: oneTime, next: 'rana’s own passphrase' },
      { cookie, 'x-csrf-token': s.csrf },
    );
    expect(changed.status).toBe(200);
    const fresh = (await changed.json()) as { csrf: string };
    const view = await post(
      `${server.url}/api/views`,
      { title: { en: 'Now allowed' } },
      { cookie: cookieOf(changed), 'x-csrf-token': fresh.csrf },
    );
    expect(view.status).toBe(201);
  });

  it('a restart with an account prints no link', async () => {
    await server.stop();
    server = await startServer(PORT, { PGLITE_DIR: dir, EDITOR_TOKEN: '' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.output()).toMatch(/\[db\] ready/);
    expect(server.output()).not.toContain('[setup]');
  });
});
