// Our bundle (a Trunk build such as dist/embed) served on 127.0.0.1 with
// a probe page, for the scripts that look inside a fresh page's load.
import { createServer } from 'node:http';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The bundle's file names in `dir`: the JS glue, the wasm, the stylesheet. */
export function bundle(dir) {
  const files = readdirSync(dir);
  return {
    js: files.find((f) => /^embed-.*\.js$/.test(f)),
    wasm: files.find((f) => f.endsWith('_bg.wasm')),
    css: files.find((f) => f.endsWith('.css')),
  };
}

/** Serves `/page.html?item=NAME` as `page(NAME)` and the bundle under
 * `/ours/`; resolves to the base URL and a close function. */
export async function serveOurs(dir, page) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/page.html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page(url.searchParams.get('item'))); return; }
    const file = path.join(dir, url.pathname.slice(6));
    if (!url.pathname.startsWith('/ours/') || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'text/css';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }); res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
