#!/usr/bin/env bash
# Build the embedding API as an npm-style ES module package in dist/npm:
# the wasm (optimized with wasm-opt), wasm-bindgen's JS glue and its
# TypeScript typings, the <qti-player> element, the player stylesheet, a
# package.json and a runnable example page. Uses the locally installed
# wasm-bindgen and wasm-opt (what wasm-pack would run, without downloading).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/tests/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=dist/npm
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
rm -rf "$out" && mkdir -p "$out"
# Two builds of the same API: the full one (items, tests, packages) and
# one for items only, about a quarter smaller, for platforms that deliver
# single items (`@qti-player/embed/items`).
bundle() {
  local name=$1; shift
  cargo build --locked --release --target wasm32-unknown-unknown -p qti-web --bin embed "$@"
  wasm-bindgen --target web --typescript --out-dir "$out" --out-name "$name" \
    target/wasm32-unknown-unknown/release/embed.wasm
  # One-caller functions stay out of line when larger than 20 instructions:
  # V8 compiles a wasm function whole on its first call, so an item should
  # not compile the rare paths binaryen would otherwise merge into `mount`
  # or the interaction dispatcher (and the module comes out smaller too).
  # --low-memory-unused lets binaryen fold constant offsets into loads and
  # stores (2.3 kB gzip less for items): sound because nothing lives in the
  # first 1 KiB of memory — rustc links the stack first (it grows down from
  # 1 MiB), static data and the heap lie above it.
  wasm-opt -Oz --one-caller-inline-max-function-size 20 --low-memory-unused \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
}
bundle qti_player
bundle qti_player_items --no-default-features
cp web/qti-player-element.js player/style/qti.css "$out/"
cp items/qti22/choice-capital.xml "$out/example-item.xml"
# The entry points (index.js: the full build, items.js: items only):
# initialise the wasm once, expose the API to the element (as Trunk does),
# and define <qti-player>. One text for both: a build without mountTest
# refuses tests and packages clearly.
entry() {
  cat > "$out/$1" <<JS
import init, * as api from './$2.js';

/** Load the WebAssembly module (once); resolves to the API. */
export async function ready() {
  if (!window.wasmBindings) {
    await init();
    window.wasmBindings = api;
  }
  return window.wasmBindings;
}
/** mount(element, options): an item ({ xml }), a compact test's XML, a
 * zipped package with a test ({ package }), or an item URL ({ url }, a
 * Promise then). Tests get the test runner (mountTest) in the full build. */
export function mount(element, options) {
  if (options?.url) return api.mountUrl(element, options.url, { ...options, url: undefined });
  const isTest = options?.package || /<(qti-)?assessment-?[tT]est[\s>]/.test(String(options?.xml ?? '').slice(0, 4096));
  if (!isTest) return api.mount(element, options);
  if (!api.mountTest) throw new Error("@qti-player/embed/items plays items only: import '@qti-player/embed' for tests and packages");
  return api.mountTest(element, options);
}
export const mountUrl = (...args) => api.mountUrl(...args);
JS
  if [ "$2" = qti_player ]; then
    echo 'export const mountTest = (...args) => api.mountTest(...args);' >> "$out/$1"
  fi
  printf '%s\n' 'await ready();' "await import('./qti-player-element.js');" >> "$out/$1"
}
entry index.js qti_player
entry items.js qti_player_items
cat > "$out/items.d.ts" <<'TS'
export * from './qti_player_items.js';
import type { MountOptions, QtiPlayer } from './qti_player_items.js';
/** An item ({ xml }). */
export function mount(element: Element, options: MountOptions): QtiPlayer;
/** An item fetched from its URL. */
export function mount(element: Element, options: Omit<MountOptions, 'xml'> & { url: string }): Promise<QtiPlayer>;
/** Load the WebAssembly module (once); resolves to the API. */
export function ready(): Promise<typeof import('./qti_player_items.js')>;
TS
cat > "$out/index.d.ts" <<'TS'
export * from './qti_player.js';
import type { MountOptions, MountTestOptions, QtiPlayer, QtiTestPlayer } from './qti_player.js';
/** An item ({ xml }), a compact test's XML or a package ({ package }): tests get the test runner. */
export function mount(element: Element, options: MountOptions): QtiPlayer;
export function mount(element: Element, options: MountTestOptions): QtiTestPlayer;
/** An item fetched from its URL. */
export function mount(element: Element, options: Omit<MountOptions, 'xml'> & { url: string }): Promise<QtiPlayer>;
/** Load the WebAssembly module (once); resolves to the API. */
export function ready(): Promise<typeof import('./qti_player.js')>;
TS
cat > "$out/package.json" <<JSON
{
  "name": "@qti-player/embed",
  "version": "$version",
  "description": "QTI 2.x / 3.0 item and test player (Rust, WebAssembly): mount(), mountTest() and the <qti-player> element",
  "type": "module",
  "main": "index.js",
  "module": "index.js",
  "types": "index.d.ts",
  "exports": {
    ".": { "types": "./index.d.ts", "default": "./index.js" },
    "./items": { "types": "./items.d.ts", "default": "./items.js" },
    "./qti.css": "./qti.css"
  },
  "files": ["index.js", "index.d.ts", "qti_player.js", "qti_player.d.ts", "qti_player_bg.wasm", "qti_player_bg.wasm.d.ts",
    "items.js", "items.d.ts", "qti_player_items.js", "qti_player_items.d.ts", "qti_player_items_bg.wasm", "qti_player_items_bg.wasm.d.ts",
    "qti-player-element.js", "qti.css"],
  "sideEffects": true,
  "license": "MIT OR Apache-2.0"
}
JSON
cat > "$out/example.html" <<'HTML'
<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>@qti-player/embed example</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="qti.css" />
  </head>
  <body>
    <main>
      <h1>@qti-player/embed</h1>
      <qti-player id="item" src="example-item.xml" seed="1"></qti-player>
    </main>
    <script type="module">
      import { ready } from './index.js';
      window.apiReady = ready();
    </script>
  </body>
</html>
HTML
sed -e 's/@qti-player\/embed example/@qti-player\/embed\/items example/' -e "s#'./index.js'#'./items.js'#" \
  "$out/example.html" > "$out/example-items.html"
echo "npm package in $out: $(ls "$out" | tr '\n' ' ')"
