// Hostile items opened in the preview app: scripts, event handlers,
// javascript:/data: URLs, SVG and MathML with scripts, CSS url() and
// expression(), object/iframe/embed/base/meta/form. Nothing may execute:
// each payload would set window.__xss or log "XSS". The rendered item
// must hold no active element and no on* attribute.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

for (const name of ['xss-qti22.xml', 'xss-qti30.xml']) {
  test(`${name}: nothing executes and no active content reaches the DOM`, async () => {
    const { page } = await openPage(env.browser, `${env.base}/`);
    const logs = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('dialog', (d) => { logs.push(`dialog: ${d.message()}`); d.dismiss(); });
    await page.setInputFiles('.studio-open input[type=file]', path.join(here, 'fixtures', name));
    await page.locator('.qti-item-body').waitFor();
    // Interact: hover and click everything, focus inputs, submit.
    for (const el of await page.locator('.qti-item-body *').all()) {
      await el.hover({ timeout: 200 }).catch(() => {});
    }
    for (const link of await page.locator('.qti-item-body a').all()) {
      await link.click({ timeout: 500 }).catch(() => {});
    }
    await page.goto(`${env.base}/#/open`).catch(() => {});
    const input = page.locator('.qti-item-body input').first();
    if (await input.count()) await input.focus();
    await page.getByRole('button', { name: 'Submit' }).click().catch(() => {});
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => {
      const body = document.querySelector('.qti-player') ?? document.body;
      // The one frame allowed is the player's own sandbox for a PCI module
      // (scripts only, no shared origin); item content never adds one.
      const active = [...body.querySelectorAll('script, iframe:not(.qti-pci-frame[sandbox="allow-scripts"]), embed, object, base, meta, form, style, frame, applet')]
        .map((e) => e.tagName);
      const handlers = [...body.querySelectorAll('*')]
        .flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}@${a.name}`));
      const urls = [...body.querySelectorAll('[href], [src], [poster], [data]')]
        .flatMap((e) => ['href', 'src', 'poster', 'data'].map((n) => e.getAttribute(n)).filter(Boolean))
        .filter((u) => /^\s*(javascript|vbscript):/i.test(u) || /^\s*data:(?!image\/(png|jpe?g|gif|webp))/i.test(u));
      return { xss: window.__xss ?? null, active, handlers, urls };
    });
    assert.equal(state.xss, null, 'a payload executed');
    assert.deepEqual(state.active, [], 'active elements in the DOM');
    assert.deepEqual(state.handlers, [], 'event-handler attributes in the DOM');
    assert.deepEqual(state.urls, [], 'script or data URLs in the DOM');
    assert.deepEqual(logs.filter((l) => /XSS|dialog/.test(l)), []);
    // The harmless parts still render.
    assert.match(await page.locator('.qti-item-body').textContent(), /QTI 3 text|Text with handlers/);
  });
}
