// A content package from ../shared/qti-corpus (1EdTech's CASE example),
// zipped and dropped on the studio: the tree shows its test and items
// with their standards alignment; the test opens in the runner and an
// item in the player. A zip-slip package is refused with a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CASE = path.resolve(here, '../../../shared/qti-corpus/1edtech-qti-examples/qtiv3-examples/packaging/CASE');

let env;
let dir;
before(async () => { env = await start(); dir = mkdtempSync(path.join(tmpdir(), 'qti-pkg-')); });
after(async () => { await env?.close(); });

/** Zip a folder (or, with `evil`, a package with an entry climbing out of it). */
function zip(out, folder, evil = false) {
  const script = `
import os, sys, zipfile
out, folder, evil = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, folder))
    if evil:
        z.writestr('../../outside.txt', 'escaped')
`;
  const r = spawnSync('python3', ['-c', script, out, folder, evil ? '1' : '0']);
  assert.equal(r.status, 0, String(r.stderr));
  return readFileSync(out).toString('base64');
}

/** Drop a file on the studio as a user dragging it from their desktop would. */
async function drop(page, name, b64) {
  await page.evaluate(async ([name, b64]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const file = new File([bytes], name, { type: 'application/zip' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const target = document.querySelector('.studio-main');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, b64]);
}

test('a dropped package shows its tree with alignments; its test and items open', { skip: !existsSync(CASE) && 'corpus not found' }, async () => {
  const b64 = zip(path.join(dir, 'case.zip'), CASE);
  const { page, errors } = await openPage(env.browser, `${env.base}/#/`);
  await page.locator('.studio-gallery').waitFor();
  await drop(page, 'case.zip', b64);
  const tree = page.locator('.studio-package');
  await tree.waitFor();
  assert.equal((await tree.locator('h2').textContent()).trim(), 'Math TX G6');
  const testLink = tree.locator('.studio-tests-tree > li > a');
  assert.equal(await testLink.count(), 1);
  assert.ok(await tree.locator('.studio-tests-tree li li').count() >= 1, 'the test lists its items');
  assert.match(await tree.locator('.studio-alignments').first().textContent(), /Standard: order a set of rational numbers/);

  await testLink.click();
  await page.locator('.qti-test-runner h2').first().waitFor();
  assert.match(await page.locator('.qti-test-runner h2[tabindex="-1"]').textContent(), /^Question 1/);

  await page.getByRole('link', { name: 'Back to the package' }).click();
  await tree.locator('.studio-items-tree a').first().click();
  await page.locator('.qti-player .qti-item-body').waitFor();
  // The item's preview names the standards its package aligns it to.
  assert.match(await page.locator('.studio-preview .studio-alignments').textContent(), /Standard: order a set of rational numbers/);
  assert.deepEqual(errors, []);
});

test('images of a packaged item load from the package', async () => {
  // A package of our own: one item whose image is a file of the package.
  const pkg = mkdtempSync(path.join(tmpdir(), 'qti-own-'));
  const items = path.resolve(here, '../../items');
  spawnSync('mkdir', ['-p', path.join(pkg, 'qti22'), path.join(pkg, 'images')]);
  spawnSync('cp', [path.join(items, 'qti22/hotspot-lake.xml'), path.join(pkg, 'qti22/')]);
  spawnSync('cp', [path.join(items, 'images/map.svg'), path.join(pkg, 'images/')]);
  writeFileSync(path.join(pkg, 'imsmanifest.xml'), `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="OWN">
  <resources><resource identifier="LAKE" type="imsqti_item_xmlv2p2" href="qti22/hotspot-lake.xml">
    <file href="qti22/hotspot-lake.xml"/><file href="images/map.svg"/></resource></resources></manifest>`);
  const b64 = zip(path.join(dir, 'own.zip'), pkg);
  const { page, errors } = await openPage(env.browser, `${env.base}/#/`);
  await page.locator('.studio-gallery').waitFor();
  await drop(page, 'own.zip', b64);
  await page.locator('.studio-items-tree a').first().click();
  const image = page.locator('.qti-player image, .qti-player img').first();
  await image.waitFor();
  const href = (await image.getAttribute('href')) ?? (await image.getAttribute('src'));
  assert.match(href, /^blob:/, 'the image comes from the package');
  const loaded = await page.evaluate(async (u) => (await fetch(u)).headers.get('content-type'), href);
  assert.equal(loaded, 'image/svg+xml');
  assert.deepEqual(errors, []);
});

const SHARED = path.resolve(here, '../../../shared/qti-corpus/1edtech-qti-examples/qtiv3-examples/packaging/sharedStimulus');

test('an item with a shared stimulus shows the passage, its image from the package', { skip: !existsSync(SHARED) && 'corpus not found' }, async () => {
  const b64 = zip(path.join(dir, 'shared.zip'), SHARED);
  const { page, errors } = await openPage(env.browser, `${env.base}/#/`);
  await page.locator('.studio-gallery').waitFor();
  await drop(page, 'shared.zip', b64);
  await page.locator('.studio-package').waitFor();
  await page.locator('[data-resource=Item2] > a').click();
  const passage = page.locator('.qti-shared-stimulus');
  await passage.waitFor();
  assert.equal(await passage.getAttribute('aria-label'), 'Common Stimulus');
  assert.match(await passage.textContent(), /An Unbelievable Night/);
  assert.match(await passage.locator('img').first().getAttribute('src'), /^blob:/);
  assert.deepEqual(errors, []);
});

test('a package with a zip-slip entry is refused with a message', async () => {
  const b64 = zip(path.join(dir, 'evil.zip'), path.resolve(here, '../../items/qti22'), true);
  const { page } = await openPage(env.browser, `${env.base}/#/`);
  await page.locator('.studio-gallery').waitFor();
  await drop(page, 'evil.zip', b64);
  const alert = page.locator('.studio-open-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /outside the package/);
});
