import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../server';

/** The password of the desk's two accounts: salma (an editor) and rania (an administrator). */
export const PASSWORD = 'editor passphrase for tests';

/**
 * A server of its own on a store of its own for a desk spec, with two accounts added as an
 * operator adds them (scripts/editor.ts): salma, an editor, and rania, an administrator. Call at
 * the top of a spec file; `desk.server` is there once its tests run.
 */
export function deskServer(port: number, token: string): { server: RunningServer } {
  const desk = {} as { server: RunningServer };
  let dir: string;
  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-desk-'));
    for (const [name, role] of [
      ['salma', []],
      ['rania', ['--role', 'admin']],
    ] as const) {
      const added = spawnSync(
        process.execPath,
        ['--conditions=react-server', '--import', 'tsx', 'scripts/editor.ts', 'add', name, ...role],
        {
          env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' },
          input: `${PASSWORD}\n`,
          encoding: 'utf8',
        },
      );
      expect(added.status, added.stderr).toBe(0);
    }
    desk.server = await startServer(port, { PGLITE_DIR: dir, EDITOR_TOKEN: token });
  });
  test.afterAll(async () => {
    await desk.server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return desk;
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** What axe finds against WCAG 2.2 AA on the page (the map's canvas aside). */
export async function violations(page: Page) {
  return (await new AxeBuilder({ page }).exclude('.maplibregl-canvas').withTags(WCAG).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

/** Signs in on the desk's page in `lang` as `name`. */
export async function signIn(server: RunningServer, page: Page, lang = 'en', name = 'salma') {
  await page.goto(`${server.url}/editor/sign-in?lang=${lang}`);
  await page.getByLabel(lang === 'fr' ? 'Nom' : 'Name').fill(name);
  await page.getByLabel(lang === 'fr' ? 'Mot de passe' : 'Password').fill(PASSWORD);
  await page.getByLabel(lang === 'fr' ? 'Mot de passe' : 'Password').press('Enter');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}
