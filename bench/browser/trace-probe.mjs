// What the main thread does between the player's init and the first item
// ready (and laid out) on a fresh page: a Chromium trace of RUNS fresh
// pages, its main-thread events in that span summed by name (nested events
// count in each of their parents), and the first item's times.
//
//   node bench/browser/trace-probe.mjs
//   ITEM=fifty-interactions WAIT=300 RUNS=7 SEQ=1 DIST=dist/embed node ...
//
// WAIT=N: the item is mounted N ms after init (the warm-up runs when the
// page is idle in between). SEQ=1 also lists the span's top-level events.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { bundle, serveOurs } from './serve-ours.mjs';
import { ITEMS } from './items.mjs';
const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, process.env.DIST ?? '../../dist/embed');
const { js, wasm, css } = bundle(ours);
const page = (item) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/ours/${css}">
<link rel="modulepreload" href="/ours/${js}"><link rel="preload" href="/ours/${wasm}" as="fetch" type="application/wasm" crossorigin>
</head><body><script>window.ITEM = ${JSON.stringify(ITEMS[item])};</script><div id="host"></div>
<script type="module">
import init, * as api from '/ours/${js}';
await init({ module_or_path: '/ours/${wasm}' });
${process.env.WAIT ? `await new Promise((r) => setTimeout(r, ${process.env.WAIT}));` : ''}
performance.mark('init');
const t0 = performance.now();
await new Promise((resolve) => { api.mount(document.getElementById('host'), { xml: window.ITEM, onEvent: (t) => t === 'ready' && resolve() }); });
void document.body.offsetHeight;
window.first = performance.now() - t0;
performance.mark('first');
window.done = true;
</script></body></html>`;
const { base, close } = await serveOurs(ours, page);
const browser = await launch(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : []);
const item = process.env.ITEM ?? 'single-choice';
const totals = new Map(); let firsts = [];
const RUNS = Number(process.env.RUNS ?? 5);
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await browser.startTracing(p, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'disabled-by-default-v8.compile', 'blink', 'toplevel'] });
  await p.goto(`${base}/page.html?item=${item}`);
  await p.waitForFunction(() => window.done, null, { timeout: 30000 });
  firsts.push(await p.evaluate(() => window.first));
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const ev = trace.traceEvents ?? trace;
  const mark = (n) => ev.find((e) => e.name === n && e.cat.includes('user_timing'));
  const a = mark('init'), b = mark('first');
  const tid = a.tid;
  for (const e of ev) {
    if (e.tid !== tid || e.ph !== 'X' || e.ts < a.ts || e.ts > b.ts) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000 / RUNS);
  }
  if (process.env.SEQ) {
    const top = ev.filter((e) => e.tid === tid && e.ph === 'X' && e.ts >= a.ts && e.ts <= b.ts && (e.dur ?? 0) > 300).sort((x, y) => x.ts - y.ts);
    let end = 0;
    for (const e of top) { if (e.ts >= end) { console.log(((e.ts - a.ts) / 1000).toFixed(1), (e.dur / 1000).toFixed(1), e.name, JSON.stringify(e.args?.data ?? {}).slice(0, 100)); end = e.ts + e.dur; } }
    console.log('---');
  }
  await ctx.close();
}
console.log('first item ms', firsts.map((x) => x.toFixed(1)).join(' '));
for (const [k, v] of [...totals].sort((x, y) => y[1] - x[1]).slice(0, 40)) console.log(v.toFixed(2).padStart(8), k);
await browser.close(); close();
