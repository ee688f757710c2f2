// Two builds of the player side by side in one headless Chromium: for each,
// in fresh browser contexts taken in turn, the first display of an item
// (from mount() to `ready`) and the median of later, warm displays.
//
//   node bench/browser/ab.mjs OLD_DIR NEW_DIR [...]
//   ITEM=single-choice ROUNDS=11 AFTER=250 node bench/browser/ab.mjs ...
//
// AFTER=N: the first display starts N ms after the player has loaded (as
// an item fetched once the page is up). Displays are timed until `ready`
// and laid out. A DIR may be a Trunk build (dist/embed): its stylesheet is
// linked too.
// Each DIR holds a wasm-bindgen `--target web` build: `<name>.js` and
// `<name>_bg.wasm` (scripts/package-npm.sh's dist/npm is one; copy it
// aside before rebuilding). ITEM is a key of items.mjs.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from './chromium.mjs';
import { ITEMS } from './items.mjs';

const dirs = process.argv.slice(2).map((d) => path.resolve(d));
if (dirs.length < 2) throw new Error('usage: node bench/browser/ab.mjs OLD_DIR NEW_DIR [...]');
const item = process.env.ITEM ?? 'fifty-interactions';
const rounds = Number(process.env.ROUNDS ?? 11);
const WARM = 20;

const AFTER = Number(process.env.AFTER ?? 0);

const page = (glue, wasm, css) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">${css ? `<link rel="stylesheet" href="./${css}">` : ''}</head>
<body><div id="host"></div><script type="module">
import init, * as api from './${glue}';
await init({ module_or_path: './${wasm}' });
let player = null;
window.show = () => new Promise((resolve) => {
  player?.destroy();
  const t0 = performance.now();
  player = api.mount(document.getElementById('host'), { xml: ${JSON.stringify(ITEMS[item])},
    onEvent: (type) => { if (type === 'ready') { void document.body.offsetHeight; resolve(performance.now() - t0); } } });
});
if (${AFTER}) await new Promise((resolve) => setTimeout(resolve, ${AFTER}));
window.loaded = true;
</script></body></html>`;

// /N/ serves build N: its page, glue and wasm.
const server = createServer((req, res) => {
  const [, n, file] = req.url.split('/');
  const dir = dirs[Number(n)];
  if (!dir) { res.writeHead(404); res.end(); return; }
  const wasm = readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  const glue = wasm.replace('_bg.wasm', '.js');
  const css = readdirSync(dir).find((f) => f.endsWith('.css'));
  if (!file) { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page(glue, wasm, css)); return; }
  if (file !== glue && file !== wasm && file !== css) { res.writeHead(404); res.end(); return; }
  const type = file === wasm ? 'application/wasm' : file === css ? 'text/css' : 'text/javascript';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(readFileSync(path.join(dir, file)));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launch();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const results = dirs.map(() => ({ first: [], warm: [] }));
for (let round = 0; round < rounds; round++) {
  for (const [n, r] of results.entries()) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`http://127.0.0.1:${server.address().port}/${n}/`);
    await p.waitForFunction(() => window.loaded === true, null, { timeout: 30000 });
    r.first.push(await p.evaluate(() => window.show()));
    const warm = [];
    for (let i = 0; i < WARM; i++) warm.push(await p.evaluate(() => window.show()));
    r.warm.push(median(warm.slice(WARM / 2)));
    await context.close();
  }
}
await browser.close();
server.close();
for (const [n, r] of results.entries()) {
  console.log(`${dirs[n]}: ${item} first display ${median(r.first).toFixed(1)} ms, warm ${median(r.warm).toFixed(2)} ms`);
}
