/**
 * What a fresh machine meets first: the Node.js versions the project declares are ones every
 * installed package accepts (so `npm ci` prints no EBADENGINE), the README says the same, and
 * nothing the README's commands run asks Next.js for telemetry (the product runs offline).
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string }; os?: string[]; optional?: boolean }>;
};

describe('the set-up commands', () => {
  it('declares the Node.js versions that every package installed on this platform accepts', () => {
    const declared = pkg.engines.node;
    expect(semver.validRange(declared)).not.toBeNull();
    // platform packages for another system are never installed here (npm skips them, and their engines)
    const installed = Object.entries(lock.packages).filter(([at, p]) => at !== '' && (!p.os || p.os.includes(process.platform)));
    const narrower = installed
      .filter(([, p]) => p.engines?.node && !semver.subset(declared, p.engines.node))
      .map(([at, p]) => `${at} wants ${p.engines?.node}`);
    expect(narrower).toEqual([]);
    // and the machine running the tests is one of them
    expect(semver.satisfies(process.versions.node, declared)).toBe(true);
  });

  it('says in the README which Node.js versions it runs on', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`Node.js \`${pkg.engines.node}\``);
  });

  it('keeps Next.js telemetry off in every command that runs Next.js', () => {
    for (const [name, script] of Object.entries(pkg.scripts))
      if (/\bnext (build|dev|start)\b/.test(script)) expect(script, name).toContain('NEXT_TELEMETRY_DISABLED=1 next');
    const server = fs.readFileSync(path.join(ROOT, 'server.mjs'), 'utf8');
    const disabled = server.indexOf("process.env.NEXT_TELEMETRY_DISABLED ??= '1'");
    expect(disabled).toBeGreaterThan(0);
    // set before Next.js is loaded
    expect(disabled).toBeLessThan(server.indexOf("await import('next')"));
    expect(server).not.toMatch(/^import .* from 'next'/m);
  });
});
