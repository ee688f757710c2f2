// Every corpus item (../shared/qti-corpus, kind assessmentItem, not marked
// invalid) opened in the preview app in Chromium: none may panic or log a
// console error. Items the engine refuses show the player's error notice
// (counted separately); the test prints the counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/qti-corpus');

function items() {
  const [header, ...rows] = readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const cols = header.split('\t');
  return rows
    .map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])))
    .filter((r) => r.kind === 'assessmentItem' && r.intentionally_invalid !== 'yes')
    .map((r) => r.path)
    .filter((p) => existsSync(path.join(CORPUS, p)));
}

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('every corpus item renders without a panic or console error', { timeout: 900_000 }, async () => {
  const list = items();
  assert.ok(list.length > 1000, `corpus found (${list.length} items)`);
  const { page, errors } = await openPage(env.browser, `${env.base}/`);
  await page.locator('.studio-open input').waitFor();
  let rendered = 0;
  let refused = 0;
  const failures = [];
  const BATCH = 100;
  for (let i = 0; i < list.length; i += BATCH) {
    const batch = list.slice(i, i + BATCH).map((p) => [p, readFileSync(path.join(CORPUS, p), 'utf8')]);
    // Open each file through the studio's file input, inside the page.
    const results = await page.evaluate(async (batch) => {
      const input = document.querySelector('.studio-open input');
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const out = [];
      for (const [name, text] of batch) {
        location.hash = '#/';
        await frame();
        const dt = new DataTransfer();
        dt.items.add(new File([text], name.split('/').pop(), { type: 'application/xml' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        let state = 'timeout';
        for (let t = 0; t < 200; t++) {
          await frame();
          const player = document.querySelector('.qti-player');
          if (player) { state = player.classList.contains('qti-error') ? 'refused' : 'rendered'; break; }
        }
        out.push([name, state]);
      }
      return out;
    }, batch);
    for (const [name, state] of results) {
      if (state === 'rendered') rendered++;
      else if (state === 'refused') refused++;
      else failures.push(`${name}: ${state}`);
    }
    // Images and media of corpus items are not served here: their failed
    // loads are the network's doing, not the player's.
    const ours = errors.splice(0).filter((e) => !e.startsWith('Failed to load resource'));
    if (ours.length) failures.push(`after batch ${i / BATCH}: ${[...new Set(ours)].slice(0, 5).join(' | ')}`);
  }
  console.log(`corpus items in Chromium: ${list.length}, rendered ${rendered}, refused with a notice ${refused}, failed ${failures.length}`);
  assert.deepEqual(failures, []);
});
