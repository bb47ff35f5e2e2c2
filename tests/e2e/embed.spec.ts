import { type APIRequestContext, chromium, expect, test } from '@playwright/test';
import { labelPointOf, mapEval, publishedView, SHOTS, signInEditor, TOKEN } from './helpers';
import { PALETTES } from '@/geo/palette';
const HOST = 'http://127.0.0.1:3304';

function createView(request: APIRequestContext, extra: object = {}) {
  return publishedView(request, {
    title: { en: 'Fighting around Idlib, 20 February 2020', fr: 'Combats autour d’Idleb, 20 février 2020' },
    caption: { en: 'What each source says happened, side by side.' },
    credit: { en: 'Test desk' },
    lang: 'en',
    theme: 'light',
    ...extra,
  });
}

test.describe('the embed in an article', () => {
  test('a page on another origin embeds a view with the oEmbed code: it resizes, opens popups and lets the page scroll', async ({
    page,
    request,
    baseURL,
  }) => {
    const view = await createView(request);
    const oembed = await request.get(`/api/oembed?url=${encodeURIComponent(view.links.embed)}&format=json`);
    expect(oembed.status()).toBe(200);
    const { html } = await oembed.json();
    await page.goto(`${HOST}/article?embed=${encodeURIComponent(html)}`);
    const iframe = page.locator('iframe[data-conflict-map]');
    await expect(iframe).toHaveAttribute('data-resized', 'true');
    const frame = page.frameLocator('iframe[data-conflict-map]');
    // Chromium does not render an off-screen frame from another origin: the map loads when the reader gets there
    await iframe.scrollIntoViewIfNeeded();
    await expect(frame.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    // the iframe takes the height of its content, not the default 640 px
    const inner = await frame.getByTestId('embed').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    await expect.poll(async () => Math.round((await iframe.boundingBox())!.height)).toBeGreaterThanOrEqual(inner - 1);
    expect(Math.abs((await iframe.boundingBox())!.height - inner)).toBeLessThanOrEqual(2);

    // a plain wheel over the map scrolls the article; the map keeps its zoom
    await iframe.scrollIntoViewIfNeeded();
    const zoomOf = () =>
      frame.getByTestId('map').evaluate((el) => (el as unknown as { maplibreMap: { getZoom(): number } }).maplibreMap.getZoom());
    const zoom = await zoomOf();
    const box = (await frame.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled + 100);
    expect(await zoomOf()).toBeCloseTo(zoom, 5);
    await expect(frame.getByText('Use Ctrl + scroll to zoom the map')).toBeAttached();

    // every incident is reachable by keyboard in the screen-reader table; one opens its popup inside the frame
    const buttons = frame.locator('[data-testid=incident-table] button[data-incident-id]');
    await expect(buttons).toHaveCount(6);
    await buttons.filter({ hasText: 'toll and blame' }).focus();
    await page.keyboard.press('Enter');
    const details = frame.getByTestId('incident-details');
    await expect(details.getByTestId('contested-mark')).toBeVisible();
    await expect(details.getByTestId('casualties')).toContainText('Killed: 27');
    await page.screenshot({ path: `${SHOTS}/embed-in-article.png` });
    // the frame really is on another origin than the article
    expect(new URL((await iframe.getAttribute('src'))!).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).origin).not.toBe(new URL(baseURL!).origin);
  });

  test('with scripts off, the host page shows the still image from <noscript>', async ({ request }) => {
    const view = await createView(request);
    const { html } = await (await request.get(`/api/oembed?url=${encodeURIComponent(view.links.embed)}`)).json();
    // a browser of its own without the GPU: with scripts off there is no WebGL to draw, and
    // SwiftShader with a scriptless cross-origin frame can stall page screenshots indefinitely
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${HOST}/article?embed=${encodeURIComponent(html)}`);
    const img = page.locator('img[src$="static.svg"]');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(800);
    await page.screenshot({ path: `${SHOTS}/noscript-image.png` });
    await browser.close();
  });

  test('printed, the embed shows the still image and the incident table', async ({ page, request }) => {
    const view = await createView(request);
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-image')).toBeVisible();
    await expect(page.getByTestId('map')).toBeHidden();
    await expect(page.getByTestId('incident-table')).toBeVisible();
    await expect
      .poll(() => page.getByTestId('print-image').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(0);
  });

  test('without the script the iframe still shows the map at the default height', async ({ page, request }) => {
    const view = await createView(request);
    const iframeOnly = `<iframe src="${view.links.embed}" title="map" width="100%" height="640" style="border:0;width:100%"></iframe>`;
    await page.goto(`${HOST}/article?embed=${encodeURIComponent(iframeOnly)}`);
    const frame = page.frameLocator('iframe');
    await page.locator('iframe').scrollIntoViewIfNeeded();
    await expect(frame.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    expect(Math.round((await page.locator('iframe').boundingBox())!.height)).toBe(640);
  });

  test('a frozen embed’s place panel shows the place as published, and says so', async ({ page, request }) => {
    const view = await createView(request);
    const published = await request.post(`/api/views/${view.id}/publish`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      data: { pin: true },
    });
    expect(published.status()).toBe(200);
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await mapEval(page, `map.jumpTo({ center: [36.68, 35.88], zoom: 11 })`);
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { loaded(): boolean } }).maplibreMap.loaded(),
    );
    // its name, placed clear of the incident drawn on the town
    const { x, y } = await labelPointOf(page, 'qminas', [36.67763, 35.88539]);
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/views/${view.id}/places/qminas`);
    await page.mouse.click(x, y);
    await asked;
    const panel = page.getByTestId('place-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Qminas');
    await expect(panel.getByTestId('place-as-published')).toContainText('as published on');
    await expect(panel.getByTestId('place-incident').first()).toBeVisible();
  });

  test('in a short embed the popup stays inside the map and scrolls its long content', async ({ browser, request }) => {
    const view = await createView(request);
    // a phone-width column: the map is at its smallest (300 px high)
    const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await ctx.newPage();
    // count the WebGL contexts the page makes: one per map
    await page.addInitScript(`(() => {
      const get = HTMLCanvasElement.prototype.getContext;
      window.__webglContexts = 0;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        if (String(kind).startsWith('webgl')) window.__webglContexts++;
        return get.call(this, kind, ...rest);
      };
    })()`);
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    // one map: the one the page started before hydrating, adopted by the component, not made again
    await expect(page.getByTestId('map').locator('canvas.maplibregl-canvas')).toHaveCount(1);
    expect(await page.evaluate('window.__webglContexts')).toBe(1);
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(map.height).toBeLessThanOrEqual(300);
    await page.locator('[data-testid=incident-table] button[data-incident-id]').filter({ hasText: 'toll and blame' }).focus();
    await page.keyboard.press('Enter');
    const content = page.locator('.incident-popup .maplibregl-popup-content');
    await expect(content.getByTestId('casualties')).toContainText('Killed: 27');
    // once the map has moved the incident into view, the whole popup is inside the map
    await expect
      .poll(async () => {
        const b = (await content.boundingBox())!;
        return b.y >= map.y - 1 && b.y + b.height <= map.y + map.height + 1 && b.x >= map.x - 1 && b.x + b.width <= map.x + map.width + 1;
      })
      .toBe(true);
    // and what does not fit scrolls inside it
    expect(await content.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/embed-short-popup.png` });
    await ctx.close();
  });

  test('the map fetches its label fonts once each, when it lays out the names, and the page preloads none', async ({ page, request }) => {
    const view = await createView(request);
    const fonts: string[] = [];
    page.on('request', (r) => {
      if (/\/generated\/fonts\/.*\.woff2$/.test(r.url())) fonts.push(new URL(r.url()).pathname);
    });
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    // the labels are drawn: the map has asked for the fonts it needs
    await expect.poll(() => mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['place-labels'] }).length`)).toBeGreaterThan(0);
    // fetched beside the scripts, preloaded fonts held back the first incidents (bench:embed): none here
    expect(await page.locator('link[rel=preload]').count()).toBe(0);
    expect(fonts).toContain('/generated/fonts/noto-sans-latin-400.woff2');
    for (const f of new Set(fonts))
      expect(
        fonts.filter((x) => x === f),
        f,
      ).toHaveLength(1);
  });

  test('starts MapLibre’s worker from its first script, before the map, and MapLibre uses that one: its script fetched once', async ({
    page,
    request,
  }) => {
    const view = await createView(request);
    const workers: string[] = [];
    page.on('request', (r) => {
      if (/maplibre-gl-worker-[\w-]+\.mjs$/.test(r.url())) workers.push(r.url());
    });
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await expect.poll(() => mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['incidents'] }).length`)).toBeGreaterThan(0);
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['embed:worker-early', 'embed:map-created'].map((m) => [m, performance.getEntriesByName(m)[0]?.startTime ?? null]),
      ),
    );
    expect(marks['embed:worker-early']).not.toBeNull();
    expect(marks['embed:worker-early']!).toBeLessThan(marks['embed:map-created']!);
    expect(workers).toHaveLength(1);
    // the stand-in constructor is gone once MapLibre has its worker
    expect(await page.evaluate(() => Worker.toString().includes('[native code]'))).toBe(true);
  });

  test('shows its incidents first as circles in their colours (the frame bench:embed times), then as symbols, the circles gone', async ({
    page,
    request,
  }) => {
    const view = await createView(request);
    // at the end of every frame (MapLibre's render event, while the frame's pixels are still in the drawing
    // buffer), until the first frame's circles first hold a drawn incident: the pixel at that incident's centre
    await page.addInitScript(() => {
      const out: { first?: { id: string; type: string; rgb: number[] } } = {};
      (window as unknown as { __firstFrame: typeof out }).__firstFrame = out;
      const wait = setInterval(() => {
        const m = (document.querySelector('[data-testid=map]') as unknown as { maplibreMap?: import('maplibre-gl').Map } | null)
          ?.maplibreMap;
        if (!m) return;
        clearInterval(wait);
        const onRender = () => {
          if (!m.getLayer('incidents-start')) return;
          const f = m.queryRenderedFeatures({ layers: ['incidents-start'] })[0];
          if (f?.geometry.type !== 'Point') return;
          m.off('render', onRender);
          const gl = m.getCanvas().getContext('webgl2')!;
          const at = m.project(f.geometry.coordinates as [number, number]);
          const ratio = m.getCanvas().width / m.getCanvas().clientWidth;
          const px = new Uint8Array(4);
          gl.readPixels(Math.round(at.x * ratio), Math.round(gl.drawingBufferHeight - at.y * ratio), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
          out.first = { id: String(f.properties.id), type: String(f.properties.eventType), rgb: [...px.slice(0, 3)] };
        };
        m.on('render', onRender);
      }, 1);
    });
    await page.goto(`/embed/${view.id}`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __firstFrame: { first?: unknown } }).__firstFrame.first ?? null))
      .not.toBeNull();
    const { first } = await page.evaluate(
      () => (window as unknown as { __firstFrame: { first: { id: string; type: string; rgb: number[] } } }).__firstFrame,
    );
    // the disc's colour (its type's, at 0.92 opacity over the land), not the land showing through a transparent disc
    const hex = PALETTES.light.types[first.type as keyof typeof PALETTES.light.types];
    const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const land = [1, 3, 5].map((i) => Number.parseInt(PALETTES.light.land.slice(i, i + 2), 16));
    const far = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
    expect(far(first.rgb, want), `${first.id} drawn as rgb(${first.rgb}) for ${hex}`).toBeLessThan(40);
    expect(far(first.rgb, land)).toBeGreaterThan(80);
    // then the symbols: drawn, and the circles that stood in for them gone from the style
    await expect.poll(() => mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['incidents'] }).length`)).toBeGreaterThan(0);
    await expect
      .poll(() => mapEval<string[]>(page, `map.getStyle().layers.map((l) => l.id).filter((id) => id.endsWith('-start'))`))
      .toEqual([]);
    expect(await mapEval<string>(page, `map.getLayoutProperty('incidents', 'visibility')`)).toBe('visible');
  });

  test('rings a highlighted incident and a contested one where each is drawn', async ({ page, request }) => {
    // the seed's day toll is contested and located to the province only: drawn beside the province's two others
    const view = await createView(request, { highlighted: ['idlib-2020-02-20-day-toll'] });
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    const drawn = (layer: string) =>
      mapEval<{ id: string; highlighted: boolean; contested: boolean }[]>(
        page,
        `map.queryRenderedFeatures({ layers: ['${layer}'] }).map((f) => ({ id: f.properties.id, highlighted: f.properties.highlighted, contested: f.properties.contested }))`,
      );
    const toll = { id: 'idlib-2020-02-20-day-toll', highlighted: true, contested: true };
    await expect.poll(() => drawn('incident-highlighted-province')).toEqual([toll]);
    expect(await drawn('incidents-contested-province')).toEqual([toll]);
    // nothing else is ringed: the town-level incidents are neither highlighted nor contested
    expect(await drawn('incident-highlighted')).toEqual([]);
    expect(await drawn('incidents-contested')).toEqual([]);
  });

  test('shows its time bar when asked: a period set from the keyboard narrows the map and the table, and All dates restores them', async ({
    page,
  }) => {
    await page.goto('/embed?lang=en&timebar=1&title=Over%20time');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    const bar = page.getByTestId('time-bar');
    await expect(bar).toBeVisible();
    await expect(bar.getByTestId('time-bar-bin')).toHaveText('incidents per day');
    const rows = page.locator('[data-testid=incident-table] tbody tr');
    await expect(rows).toHaveCount(6);
    const drawn = () =>
      mapEval<number>(
        page,
        "map.queryRenderedFeatures({ layers: map.getStyle().layers.map((l) => l.id).filter((id) => id.startsWith('incident')) }).length",
      );
    await expect.poll(drawn).toBeGreaterThan(0);
    // the end handle to the first day of the bar, a day with no incident: nothing left on the map
    await bar.getByTestId('time-bar-end').focus();
    await page.keyboard.press('Home');
    await expect(bar.getByTestId('time-bar-range')).toHaveText('Showing 13 February 2020');
    await expect(bar.getByTestId('time-bar-count')).toHaveText('(incidents begun in it: 0)');
    await expect(rows).toHaveCount(0);
    await expect.poll(drawn).toBe(0);
    await page.screenshot({ path: `${SHOTS}/embed-time-bar-empty-period.png`, fullPage: true });
    await bar.getByTestId('time-bar-clear').click();
    await expect(rows).toHaveCount(6);
    await expect.poll(drawn).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/embed-time-bar.png`, fullPage: true });
    // without the option, no bar
    await page.goto('/embed?lang=en');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await expect(page.getByTestId('time-bar')).toHaveCount(0);
  });

  test('a dark embed at 320 px wide keeps its map, legend and credit readable', async ({ browser, request }) => {
    const view = await createView(request, { theme: 'dark' });
    const ctx = await browser.newContext({ viewport: { width: 320, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`/embed/${view.id}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await expect(page.getByTestId('embed')).toHaveAttribute('data-theme', 'dark');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await expect(page.getByText('Credit: Test desk')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/embed-dark-320.png`, fullPage: true });
    await ctx.close();
  });
});

test.describe('the Share / Embed dialog', () => {
  test('a reader is offered the link and a way to sign in that comes back to the dialog, no token asked', async ({ page }) => {
    await page.goto('/?lang=en&type=battles');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await page.getByTestId('share-button').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog.getByTestId('share-link')).toHaveValue(/type=battles/);
    await expect(dialog.getByTestId('share-signed-out')).toHaveText(
      'Anyone can copy the link above. Publishing this view as an embed for articles is for the newsroom’s editors. Sign in to publish',
    );
    await expect(dialog.getByRole('button', { name: 'Save and get the embed code' })).toHaveCount(0);
    await expect(dialog.locator('input[type=password]')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/share-dialog-signed-out.png` });
    // the sign-in link's way back: this view, with the dialog open
    const href = await dialog.getByRole('link', { name: 'Sign in to publish' }).getAttribute('href');
    const next = new URL(href!, 'http://x').searchParams.get('next')!;
    expect(next).toMatch(/^\/\?lang=en&type=battles.*&share=1$/);
    await page.goto(next);
    await expect(page.getByTestId('share-dialog')).toBeVisible();
  });

  test('offers the link, previews the embed live, and saves a frozen view for a signed-in editor', async ({ page, request }) => {
    const { name } = await signInEditor(page);
    await page.goto('/?lang=en&incident=idlib-2020-02-20-day-toll&type=battles');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await page.getByTestId('share-button').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog.getByRole('heading', { name: 'Share or embed this map' })).toBeVisible();
    await expect(dialog.getByTestId('share-link')).toHaveValue(/incident=idlib-2020-02-20-day-toll/);

    await dialog.getByLabel('Title (English)').fill('Battles around Idlib');
    const preview = page.frameLocator('[data-testid=share-preview]');
    await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Battles around Idlib');
    await expect(preview.locator('[data-testid=incident-table] button[data-incident-id]')).toHaveCount(3);

    await expect(dialog.getByTestId('share-signed-in')).toHaveText(
      `Signed in as ${name}: the view is saved and published under your name.`,
    );
    await expect(dialog.locator('input[type=password]')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Save and get the embed code' }).click();
    const code = await dialog.getByTestId('embed-code').inputValue();
    const id = /\/embed\/([a-z0-9]+)"/.exec(code)![1]!;
    const view = await (await request.get(`/api/views/${id}`)).json();
    expect(view.pinned).toBe(true);
    expect(view.spec.title).toEqual({ en: 'Battles around Idlib' });
    expect(view.spec.filters.types).toEqual(['battles']);
    expect(view.spec.highlighted).toEqual(['idlib-2020-02-20-day-toll']);
    expect(view.spec.bounds).toHaveLength(4);
    // and the saved map's own page, to share as a link
    const pageLink = await dialog.getByTestId('saved-page-link').inputValue();
    expect(pageLink).toBe(view.links.page);
    expect(new URL(pageLink).pathname).toBe(`/views/${id}`);
    await page.screenshot({ path: `${SHOTS}/share-dialog.png` });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});
