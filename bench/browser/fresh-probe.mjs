// Where a fresh page's time goes (our player, dist/embed): for each item,
// in new browser contexts, the medians of: JS glue evaluated, wasm fetch
// start and end, wasm instantiated, first item ready, and a second mount
// of the same item on the same page. All from navigation start, in ms.
//
//   node bench/browser/fresh-probe.mjs
//   ITEMS=single-choice RUNS=9 NO_PRELOAD=1 JSFLAGS=--no-wasm-lazy-compilation node ...
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { bundle, serveOurs } from './serve-ours.mjs';
import { ITEMS } from './items.mjs';
const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../../dist/embed');
const { js, wasm, css } = bundle(ours);
const PRELOAD = process.env.NO_PRELOAD !== '1';
const page = (item) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/ours/${css}">
${PRELOAD ? `<link rel="modulepreload" href="/ours/${js}"><link rel="preload" href="/ours/${wasm}" as="fetch" type="application/wasm" crossorigin>` : ''}
</head><body><script>window.ITEM = ${JSON.stringify(ITEMS[item])};</script><div id="host"></div>
<script type="module">
import init, * as api from '/ours/${js}';
const m = { glue: performance.now() };
await init({ module_or_path: '/ours/${wasm}' });
m.init = performance.now();
await new Promise((resolve) => { api.mount(document.getElementById('host'), { xml: window.ITEM, onEvent: (t) => t === 'ready' && resolve() }); });
m.first = performance.now();
await new Promise((resolve) => { api.mount(document.createElement('div'), { xml: window.ITEM, onEvent: (t) => t === 'ready' && resolve() }); });
m.second = performance.now() - m.first;
const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
m.wasmStart = w.startTime; m.wasmEnd = w.responseEnd;
window.marks = m;
</script></body></html>`;
const { base, close } = await serveOurs(ours, page);
const browser = await launch(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : []);
for (const item of (process.env.ITEMS ?? 'single-choice,fifty-interactions').split(',')) {
  const rows = [];
  for (let i = 0; i < Number(process.env.RUNS ?? 7); i++) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/page.html?item=${item}`);
    await p.waitForFunction(() => window.marks, null, { timeout: 30000 });
    rows.push(await p.evaluate(() => window.marks));
    await ctx.close();
  }
  const med = (k) => { const s = rows.map((r) => r[k]).sort((a, b) => a - b); return s[s.length >> 1].toFixed(1); };
  console.log(item, ['glue', 'wasmStart', 'wasmEnd', 'init', 'first', 'second'].map((k) => `${k} ${med(k)}`).join(' | '));
}
await browser.close(); close();
