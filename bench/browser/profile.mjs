// A CPU profile of our player on a fresh page (V8's sampling profiler,
// 50 µs), self time summed by function over RUNS pages, top TOP printed.
// For function names, point DIST at a build whose wasm keeps them
// (wasm-bindgen --keep-debug, wasm-opt -g; see BENCHMARKS.md).
//
//   MODE=first   (default) the first item, mounted 300 ms after init
//   MODE=warm    20 displays of the item on a warm page
//   MODE=process 1,000 submissions of the item on a warm page
//
//   ITEM=fifty-interactions MODE=first RUNS=3 TOP=30 DIST=dist/embed node bench/browser/profile.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { bundle, serveOurs } from './serve-ours.mjs';
import { ITEMS } from './items.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, process.env.DIST ?? '../../dist/embed');
const { js, wasm, css } = bundle(ours);
const MODE = process.env.MODE ?? 'first';
const page = (item) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/ours/${css}"></head><body><script>window.ITEM = ${JSON.stringify(ITEMS[item])};</script><div id="host"></div>
<script type="module">
import init, * as api from '/ours/${js}';
await init({ module_or_path: '/ours/${wasm}' });
const host = document.getElementById('host');
if ('${MODE}' === 'process') {
  let left = 0, done = null;
  const player = api.mount(host, { xml: window.ITEM, onEvent: (t) => { if (t === 'outcomesChanged' && --left === 0) done(); } });
  window.go = () => new Promise((resolve) => {
    const t0 = performance.now();
    left = 1000; done = () => resolve((performance.now() - t0) / 1000);
    for (let i = 0; i < 1000; i++) player.submit();
  });
} else {
  let player = null;
  const show = () => new Promise((resolve) => {
    player?.destroy();
    const t0 = performance.now();
    player = api.mount(host, { xml: window.ITEM, onEvent: (t) => { if (t === 'ready') { void host.offsetHeight; resolve(performance.now() - t0); } } });
  });
  window.go = async () => {
    if ('${MODE}' !== 'warm') return show();
    let total = 0;
    for (let i = 0; i < 20; i++) total += await show();
    return total / 20;
  };
}
window.loaded = true;
</script></body></html>`;

const { base, close } = await serveOurs(ours, page);
const browser = await launch();
const item = process.env.ITEM ?? 'fifty-interactions';
const RUNS = Number(process.env.RUNS ?? 3);
const self = new Map();
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await p.goto(`${base}/page.html?item=${item}`);
  await p.waitForFunction(() => window.loaded);
  await p.waitForTimeout(300);
  if (MODE !== 'first') await p.evaluate(() => window.go()); // warm the page first
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const ms = await p.evaluate(() => window.go());
  const { profile } = await cdp.send('Profiler.stop');
  console.log(MODE === 'process' ? `one submission ${(ms * 1000).toFixed(1)} µs` : `${MODE === 'warm' ? 'one display' : 'first item'} ${ms.toFixed(1)} ms`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, k) => {
    const { functionName, url } = byId.get(id).callFrame;
    const key = `${functionName} ${url.split('/').pop()}`;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[k] / 1000 / RUNS);
  });
  await ctx.close();
}
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(v.toFixed(2).padStart(7), k);
await browser.close();
close();
