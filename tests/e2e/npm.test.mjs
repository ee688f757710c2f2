// The npm-style package (scripts/package-npm.sh → dist/npm): its typings
// declare the API, and its example page plays an item through the
// <qti-player> element loaded from the package's own entry point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
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

/** Type-check a TypeScript file against the package's typings with tsc. */
function typecheck(source) {
  const dir = mkdtempSync(path.join(tmpdir(), 'qti-types-'));
  const file = path.join(dir, 'host.ts');
  writeFileSync(file, source.replaceAll('PKG', path.join(pkg, 'index.js')));
  const tsc = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'node_modules/.bin/tsc');
  const r = spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022',
    '--moduleResolution', 'bundler', '--lib', 'es2022,esnext.disposable,dom', '--skipLibCheck', 'false', file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

test('the typings describe the options, values and events (checked with tsc)', { skip: !existsSync(pkg) && 'run scripts/package-npm.sh first' }, () => {
  const good = typecheck(`
    import { ready, mount, mountTest, type MountOptions, type QtiValues } from 'PKG';
    await ready();
    const options: MountOptions = {
      xml: '<assessmentItem/>', seed: 1, scoring: 'external', idPrefix: 'a',
      pnp: { theme: 'yellowOnBlue', lineReader: true, prohibited: ['calculator-on-screen'] },
      caliper: { sensor: 'urn:s', actor: 'urn:a', edApp: 'urn:e', assessment: 'urn:t', endpoints: [{ url: 'http://127.0.0.1/c' }] },
      onEvent: (type, detail) => { if (type === 'outcomesChanged') console.log(detail); },
    };
    const player = mount(document.body, options);
    player.setResponse('RESPONSE', ['A', 'B']);
    player.setResponses({ RESPONSE: 'A', POINT: '10 20', N: 3 });
    const outcomes: QtiValues = player.getOutcomes();
    player.showOutcomes(outcomes, ['Well done.']);
    const test = mountTest(document.body, { package: new Uint8Array(), test: 'T1', seed: 2 });
    const compact = mount(document.body, { xml: '<assessmentTest/>' });
    const fetched: Promise<unknown> = mount(document.body, { url: 'items/q.xml', seed: 1 });
    console.log(compact, fetched);
    console.log(test.getOutcomes(), player.getResult('qti22'));
    console.log(player.getResult('qti30', { sourcedId: 's1', sessionIdentifiers: [{ sourceId: 'urn:lms', identifier: 'a7' }] }));
    console.log(test.getResult('qti30', { sourcedId: 's1' }));
    const caliper = { sensor: 'urn:s', actor: 'urn:a', edApp: 'urn:e', assessment: 'urn:t',
      group: { id: 'urn:g', type: 'CourseSection' as const }, membership: 'urn:m', session: { id: 'urn:x' } };
    mount(document.body, { xml: '<assessmentItem/>', caliper, pnp: { supports: ['linguistic-guidance'] } });
  `);
  assert.ok(good.ok, good.out);
  const bad = typecheck(`
    import { mount } from 'PKG';
    mount(document.body, { xml: '<x/>', scoring: 'remote' });
    mount(document.body, { seed: 1 });
  `);
  assert.ok(!bad.ok, 'wrong options are type errors');
  assert.match(bad.out, /'"remote"' is not assignable/);
  assert.match(bad.out, /host\.ts\(4,/, 'options without xml, package or url are refused');
});

/** Answer the example page's <qti-player> item; it must score 1. */
async function playExample(page) {
  await page.locator('#item .qti-item-body').waitFor();
  await page.locator('#item [data-choice-identifier=PARIS]').click();
  const outcomes = await page.evaluate(async () => {
    const el = document.querySelector('#item');
    el.submit();
    await new Promise((r) => setTimeout(r, 50));
    return el.getOutcomes();
  });
  assert.equal(outcomes.SCORE, 1);
}

test('the package example plays an item with <qti-player>', { skip: !existsSync(pkg) && 'run scripts/package-npm.sh first' }, async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/npm/example.html`);
  await playExample(page);
  assert.deepEqual(errors, []);
});

test('the items-only entry plays an item, refuses a test clearly, and is the smaller download', { skip: !existsSync(pkg) && 'run scripts/package-npm.sh first' }, async () => {
  const { gzipSync } = await import('node:zlib');
  const gz = (f) => gzipSync(readFileSync(path.join(pkg, f)), { level: 9 }).length;
  const full = gz('qti_player_bg.wasm');
  const items = gz('qti_player_items_bg.wasm');
  console.log(`npm wasm gzip: full ${full} bytes, items only ${items} bytes`);
  assert.ok(items < full * 0.9, `items-only ${items} < full ${full}`);
  const meta = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(meta.exports['./items'].default, './items.js');
  const dts = readFileSync(path.join(pkg, 'qti_player_items.d.ts'), 'utf8');
  assert.ok(dts.includes('export function mount(') && !dts.includes('export function mountTest('));
  const checked = typecheck(`
    import { mount } from '${path.join(pkg, 'items.js')}';
    const p = mount(document.body, { xml: '<assessmentItem/>', seed: 1 });
    p.submit();
    const o: Record<string, unknown> = p.getOutcomes();
  `);
  assert.ok(checked.ok, checked.out);

  const { page, errors } = await openPage(env.browser, `${env.base}/npm/example-items.html`);
  await playExample(page);
  const refused = await page.evaluate(async () => {
    const { mount } = await import('./items.js');
    try {
      mount(document.createElement('div'), { xml: '<qti-assessment-test identifier="t"></qti-assessment-test>' });
    } catch (e) { return String(e.message); }
    return 'accepted';
  });
  assert.match(refused, /plays items only/);
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')));
  assert.deepEqual(wasm.map((n) => n.split('/').pop()), ['qti_player_items_bg.wasm'], 'only the small build is downloaded');
  assert.deepEqual(errors, []);
});
