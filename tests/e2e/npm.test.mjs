// The npm-style package (scripts/package-npm.sh → dist/npm): its typings
// declare the API, and its example page plays an item through the
// <qti-player> element loaded from the package's own entry point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { start, openPage, distDir } from './harness.mjs';

const pkg = path.join(distDir, 'npm');
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('package.json and typings declare the API', { skip: !existsSync(pkg) && 'run scripts/package-npm.sh first' }, () => {
  const meta = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(meta.type, 'module');
  assert.equal(meta.types, 'index.d.ts');
  for (const f of meta.files) assert.ok(existsSync(path.join(pkg, f)), `${f} is in the package`);
  const dts = readFileSync(path.join(pkg, 'qti_player.d.ts'), 'utf8');
  for (const decl of ['export function mount(', 'export function mountTest(', 'getState(', 'restoreState(', 'getResult(', 'setResponses(']) {
    assert.ok(dts.includes(decl), `typings declare ${decl}`);
  }
});

test('the package example plays an item with <qti-player>', { skip: !existsSync(pkg) && 'run scripts/package-npm.sh first' }, async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/npm/example.html`);
  await page.locator('#item .qti-item-body').waitFor();
  await page.locator('#item [data-choice-identifier=PARIS]').click();
  const outcomes = await page.evaluate(async () => {
    const el = document.querySelector('#item');
    el.submit();
    await new Promise((r) => setTimeout(r, 50));
    return el.getOutcomes();
  });
  assert.equal(outcomes.SCORE, 1);
  assert.deepEqual(errors, []);
});
