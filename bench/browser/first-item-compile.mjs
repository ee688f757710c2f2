// Which wasm functions V8 compiles to show the first item on a fresh page,
// and how many bytes of code that is. V8 compiles each wasm function on its
// first call (lazy compilation), so on a fresh page the first item pays for
// every function it touches; this is the lever for the first-item time.
//
//   node bench/browser/first-item-compile.mjs DIR [ITEM]
//
// DIR holds a wasm-bindgen `--target web` build whose wasm keeps its names
// (`wasm-opt -Oz -g`): `<name>.js` and `<name>_bg.wasm`. ITEM is a key of
// items.mjs (default single-choice). Prints the functions compiled between
// `init()` and the player's `ready`, by crate and the largest ones, in
// bytes of wasm body (deterministic) and compile time (varies with load).
import { createServer } from 'node:http';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ITEMS } from './items.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const dir = path.resolve(process.argv[2] ?? 'dist/npm');
const item = process.argv[3] ?? 'single-choice';
const wasm = readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
const glue = wasm.replace('_bg.wasm', '.js');

// Function index -> name, from the wasm's "name" custom section.
function functionNames(bytes) {
  const names = new Map();
  let i = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = bytes[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (i < bytes.length) {
    const id = bytes[i++]; const size = leb(); const end = i + size;
    if (id === 0) {
      const n = leb(); const name = bytes.subarray(i, i + n).toString(); i += n;
      while (name === 'name' && i < end) {
        const sub = bytes[i++]; const subSize = leb(); const subEnd = i + subSize;
        if (sub === 1) {
          for (let count = leb(); count > 0; count--) {
            const index = leb(); const len = leb();
            names.set(index, bytes.subarray(i, i + len).toString()); i += len;
          }
        }
        i = subEnd;
      }
    }
    i = end;
  }
  return names;
}

// Two runs on fresh profiles: one that only loads the module, one that also
// shows the item; the first item's functions are those only the second compiled.
const page = (mountItem) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
<body><div id="host"></div><script type="module">
import init, * as api from '/${glue}';
await init({ module_or_path: '/${wasm}' });
${mountItem ? `api.mount(document.getElementById('host'), { xml: ${JSON.stringify(ITEMS[item])},
  onEvent: (t) => { if (t === 'ready') document.title = 'ready'; } });` : ''}
</script></body></html>`;
const server = createServer((req, res) => {
  if (req.url.startsWith('/?')) { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page(req.url === '/?item')); return; }
  const type = req.url.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  try { const body = readFileSync(path.join(dir, path.basename(req.url))); res.writeHead(200, { 'content-type': type }); res.end(body); }
  catch { res.writeHead(404); res.end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));

// Liftoff compilations of one page load: function index -> { us, bytes }.
async function compilations(query) {
  const profile = mkdtempSync(path.join(tmpdir(), 'qti-compile-'));
  // One process, so V8's trace reaches our output.
  const child = spawn(CHROMIUM, [...CHROMIUM_FLAGS,
    '--single-process', `--user-data-dir=${profile}`, '--js-flags=--trace-wasm-compilation-times',
    '--virtual-time-budget=5000', '--dump-dom', `http://127.0.0.1:${server.address().port}/?${query}`]);
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  child.stderr.on('data', () => {});
  await new Promise((r) => child.on('close', r));
  rmSync(profile, { recursive: true, force: true });
  if (query === 'item' && !text.includes('<title>ready</title>')) throw new Error('the player did not report ready');
  const found = new Map();
  for (const m of text.matchAll(/Compiled function \S+#(\d+) using Liftoff, took (\d+) .s and \d+ bytes; bodysize (\d+)/g)) {
    found.set(Number(m[1]), { us: Number(m[2]), bytes: Number(m[3]) });
  }
  return found;
}
const before = await compilations('init');
const after = await compilations('item');
server.close();

const names = functionNames(readFileSync(path.join(dir, wasm)));
const compiled = [...after].filter(([index]) => !before.has(index))
  .map(([index, c]) => ({ name: names.get(index) ?? `#${index}`, ...c }));
const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
console.log(`${item}: ${compiled.length} functions compiled for the first item, ${sum(compiled, 'bytes')} bytes of wasm, ${(sum(compiled, 'us') / 1000).toFixed(1)} ms of Liftoff`);
const crate = (n) => (/(qti_\w+::\w+|embed::\w+|yew|serde\w*|core|alloc|hashbrown|dlmalloc|wasm_bindgen|js_sys|web_sys|quick_xml|gloo\w*|std)/.exec(n) ?? ['', 'other'])[1];
const byCrate = new Map();
for (const c of compiled) byCrate.set(crate(c.name), (byCrate.get(crate(c.name)) ?? 0) + c.bytes);
console.log([...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${v} ${k}`).join('\n'));
console.log('--- largest');
for (const c of compiled.sort((a, b) => b.bytes - a.bytes).slice(0, Number(process.env.TOP ?? 20))) {
  console.log(`${c.bytes} ${c.us}us ${c.name.replace(/::h[0-9a-f]{16}$/, '').slice(0, 140)}`);
}
