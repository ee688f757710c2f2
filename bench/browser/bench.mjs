// Side-by-side browser benchmark in one headless Chromium: our player
// (the `embed` bundle, engine included) against @citolab/qti-components
// on the same QTI 3 items. Prints, per player: gzip bytes the page needs,
// median time from item XML to interactive DOM (warm page, and first item
// of a fresh page: started as soon as the player's code has loaded, and
// started 250 ms later, as an item fetched after the page is up), median time from
// navigation start to the first item interactive on a fresh page (download,
// compile, first render), median response-processing time, and the ratios.
// Our page loads the way Trunk's pages do: the JS glue and the wasm are
// preloaded from the page's head.
//
// Run with scripts/bench-browser.sh (it builds dist/embed first).
import { createServer } from 'node:http';
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { ITEMS } from './items.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../../dist/embed');
const cito = path.resolve(here, 'node_modules/@citolab/qti-components');
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 30);
const FRESH_RUNS = Number(process.env.FRESH_RUNS ?? 7);
// The first item of a fresh page is timed twice: started as soon as the
// player has loaded, and started ITEM_AFTER ms later.
const ITEM_AFTER = Number(process.env.ITEM_AFTER ?? 250);
const PROCESS_RUNS = Number(process.env.PROCESS_RUNS ?? 50);
// Each processing sample times a batch of submissions and divides: one
// processing is shorter than the timer's 0.1 ms resolution.
const PROCESS_BATCH = Number(process.env.PROCESS_BATCH ?? 20);

if (!existsSync(ours)) throw new Error('dist/embed missing: run scripts/bench-browser.sh');
const oursFiles = readdirSync(ours);
const oursJs = oursFiles.find((f) => /^embed-.*\.js$/.test(f));
const oursWasm = oursFiles.find((f) => f.endsWith('_bg.wasm'));
const oursCss = oursFiles.find((f) => f.endsWith('.css'));

// Both pages, once their player has loaded: with ?item=NAME, show that item
// (window.ITEM) and note when it is interactive; after=N: the item arrives N
// ms after the player has loaded, as an item the platform fetches once the
// page is up would.
const FIRST_ITEM = `const query = new URLSearchParams(location.search);
if (query.get('item')) {
  const after = Number(query.get('after') ?? 0);
  if (after) await new Promise((resolve) => setTimeout(resolve, after));
  window.firstLoad = await window.bench.load(window.ITEM);
  window.firstReady = performance.now();
}
window.benchReady = true;`;

const OURS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/ours/${oursCss}">
<link rel="modulepreload" href="/ours/${oursJs}"><link rel="preload" href="/ours/${oursWasm}" as="fetch" type="application/wasm" crossorigin></head><body><div id="host"></div>
<script type="module">
import init, * as api from '/ours/${oursJs}';
await init({ module_or_path: '/ours/${oursWasm}' });
const host = document.getElementById('host');
let waiting = {};
const onEvent = (type) => { const w = waiting[type]; if (w) { delete waiting[type]; w(); } };
let current = null;
window.bench = {
  load(xml) {
    return new Promise((resolve) => {
      current?.destroy(); host.textContent = '';
      const t0 = performance.now();
      waiting.ready = () => { void host.offsetHeight; resolve(performance.now() - t0); };
      current = api.mount(host, { xml, onEvent });
    });
  },
  process(n) {
    return new Promise((resolve) => {
      let left = n;
      const t0 = performance.now();
      const done = () => { if (--left === 0) resolve((performance.now() - t0) / n); else waiting.outcomesChanged = done; };
      waiting.outcomesChanged = done;
      for (let i = 0; i < n; i++) current.submit();
    });
  },
};
${FIRST_ITEM}
</script></body></html>`;

const CITO_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>citolab</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/cito/dist/item.css"></head><body><div id="host"></div>
<script type="module">
import { qtiTransformItem } from '/cito/cdn/index.js';
await customElements.whenDefined('qti-assessment-item');
const host = document.getElementById('host');
// Interactive: the item connected and its interactions and choices (Lit
// elements) rendered. (Awaiting updateComplete on its processing elements
// closes the page in Chromium, so only the visible ones are awaited.)
async function settled() {
  const all = [...host.querySelectorAll('*')].filter((e) =>
    e.tagName.endsWith('-INTERACTION') || e.tagName === 'QTI-ASSESSMENT-ITEM' || e.tagName.endsWith('-CHOICE'));
  await Promise.all(all.map((e) => e.updateComplete));
}
window.bench = {
  load(xml) {
    return new Promise((resolve) => {
      host.textContent = '';
      const t0 = performance.now();
      host.addEventListener('qti-assessment-item-connected', async () => {
        await settled();
        void host.offsetHeight;
        resolve(performance.now() - t0);
      }, { once: true });
      // Citolab's own pipeline: XML parsed and transformed to an HTML fragment.
      host.appendChild(qtiTransformItem().parse(xml).htmlDoc());
    });
  },
  async process(n) {
    const item = host.querySelector('qti-assessment-item');
    const t0 = performance.now();
    for (let i = 0; i < n; i++) item.processResponse();
    await settled();
    return (performance.now() - t0) / n;
  },
};
${FIRST_ITEM}
</script></body></html>`;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.html': 'text/html' };
function serve() {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const item = url.searchParams.get('item');
      const inject = (page) => item ? page.replace('<body>', `<body><script>window.ITEM = ${JSON.stringify(ITEMS[item])};</script>`) : page;
      let body; let file;
      if (url.pathname === '/ours.html') body = inject(OURS_PAGE);
      else if (url.pathname === '/cito.html') body = inject(CITO_PAGE);
      else if (url.pathname.startsWith('/ours/')) file = path.join(ours, url.pathname.slice(6));
      else if (url.pathname.startsWith('/cito/')) file = path.join(cito, url.pathname.slice(6));
      if (file && existsSync(file) && statSync(file).isFile()) body = readFileSync(file);
      if (body === undefined) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': file ? (TYPES[path.extname(file)] ?? 'application/octet-stream') : 'text/html', 'cache-control': 'no-store' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const bytes = {
  ours: gz(path.join(ours, oursJs)) + gz(path.join(ours, oursWasm)) + gz(path.join(ours, oursCss)) + gzipSync(OURS_PAGE).length,
  citolab: gz(path.join(cito, 'cdn/index.js')) + gz(path.join(cito, 'dist/item.css')) + gzipSync(CITO_PAGE).length,
};

const server = await serve();
if (process.env.DEBUG) console.error('serving', server.address());
if (process.env.SERVE_ONLY) { console.log(`${'http://127.0.0.1:' + server.address().port}`); await new Promise(() => {}); }
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

async function warm(player, name) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('crash', () => console.error(player, name, 'page crashed'));
  if (process.env.DEBUG) {
    page.on('console', (m) => console.error(player, m.type(), m.text().slice(0, 300)));
    page.on('requestfailed', (r) => console.error('failed', r.url()));
    page.on('close', () => console.error('page closed'));
  }
  await page.goto(`${base}/${player}.html`);
  if (process.env.DEBUG) console.error('loaded', player);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 });
  const load = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    load.push(await page.evaluate((xml) => window.bench.load(xml), ITEMS[name]));
    if (process.env.DEBUG) console.error(player, name, 'load', load.at(-1));
  }
  const proc = [];
  for (let i = 0; i < PROCESS_RUNS; i++) proc.push(await page.evaluate((n) => window.bench.process(n), PROCESS_BATCH));
  await page.close();
  if (errors.length) throw new Error(`${player} ${name}: ${errors.join('; ')}`);
  return { load: median(load), process: median(proc) };
}

async function fresh(player, name, after = 0) {
  const times = [];
  for (let i = 0; i < FRESH_RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/${player}.html?item=${name}${after ? `&after=${after}` : ''}`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 });
    times.push(await page.evaluate(() => [window.firstLoad, window.firstReady]));
    await context.close();
  }
  return { item: median(times.map((t) => t[0])), page: median(times.map((t) => t[1])) };
}

if (process.env.DEBUG) browser.on('disconnected', () => console.error('browser disconnected'));
const rows = [];
for (const name of Object.keys(ITEMS)) {
  // A player left out (ONLY=ours|cito) prints as NaN.
  const none = { warm: NaN, process: NaN, fresh: { item: NaN, page: NaN }, later: { item: NaN } };
  const row = { item: name, ours: none, cito: none };
  for (const player of (process.env.ONLY ? [process.env.ONLY] : ['ours', 'cito'])) {
    try {
      const w = await warm(player, name);
      row[player] = { warm: w.load, process: w.process, fresh: await fresh(player, name), later: await fresh(player, name, ITEM_AFTER) };
    } catch (e) {
      console.error(`${player} could not run ${name}: ${e.message.split('\n')[0]}`);
      row[player] = none;
    }
  }
  rows.push(row);
}
await browser.close();
server.close();

const f = (x) => x.toFixed(2);
console.log(`gzip bytes per page: ours ${bytes.ours} (${(bytes.ours / 1024).toFixed(1)} KB), citolab ${bytes.citolab} (${(bytes.citolab / 1024).toFixed(1)} KB), ratio ours/citolab ${(bytes.ours / bytes.citolab).toFixed(2)}`);
console.log(`item | ours warm ms | citolab warm ms | speed-up | ours first item ms | citolab first item ms | speed-up | ours first item ${ITEM_AFTER} ms after load | citolab first item ${ITEM_AFTER} ms after load | speed-up | ours fresh page ms | citolab fresh page ms | speed-up | ours processing ms | citolab processing ms | speed-up`);
for (const r of rows) {
  console.log([r.item, f(r.ours.warm), f(r.cito.warm), f(r.cito.warm / r.ours.warm) + 'x',
    f(r.ours.fresh.item), f(r.cito.fresh.item), f(r.cito.fresh.item / r.ours.fresh.item) + 'x',
    f(r.ours.later.item), f(r.cito.later.item), f(r.cito.later.item / r.ours.later.item) + 'x',
    f(r.ours.fresh.page), f(r.cito.fresh.page), f(r.cito.fresh.page / r.ours.fresh.page) + 'x',
    r.ours.process.toFixed(3), r.cito.process.toFixed(3), f(r.cito.process / r.ours.process) + 'x'].join(' | '));
}
