import { launchChromium } from '/work/main/scripts/bench-lib';
const [url, out, w, h, wait] = process.argv.slice(2);
const b = await launchChromium();
const p = await b.newPage({ viewport: { width: Number(w ?? 1280), height: Number(h ?? 800) } });
const errors: string[] = [];
p.on('console', (m) => {
  if (m.type() === 'error') errors.push(m.text());
});
const t = Date.now();
await p.goto(url!);
await p.waitForTimeout(Number(wait ?? 6000));
await p.screenshot({ path: out! });
console.log('shot', out, Date.now() - t, 'ms', errors.slice(0, 5));
await b.close();
