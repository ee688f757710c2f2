// Every sample item answered by keyboard alone in the preview app (focus a
// control, then only key presses: Tab, Enter, Space, arrows, typing), the
// SCORE the engine reports in WebAssembly checked, and axe-core run over
// every item in its unanswered, answered and submitted states: zero WCAG
// 2.1 A/AA violations allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const key = (page, selector, ...keys) => async () => {
  await page.locator(selector).first().focus();
  for (const k of keys) await page.keyboard.press(k);
};
const type = (page, selector, text) => async () => {
  await page.locator(selector).first().focus();
  await page.keyboard.type(text);
};

// item path → [expected SCORE, keyboard steps]
const CASES = {
  'qti22/choice-capital.xml': ['1', (p) => [key(p, '[data-choice-identifier=PARIS]', 'Space')]],
  'qti22/choice-multiple-primes.xml': ['3', (p) => [
    key(p, '[data-choice-identifier=TWO]', 'Space'),
    key(p, '[data-choice-identifier=THREE]', 'Space'),
    key(p, '[data-choice-identifier=FIVE]', 'Space'),
  ]],
  'qti22/order-planets.xml': ['1', (p) => [
    key(p, '[data-choice-identifier=MERCURY] .qti-move-up', 'Enter', 'Enter'),
    key(p, '[data-choice-identifier=VENUS] .qti-move-up', 'Enter', 'Enter'),
  ]],
  'qti22/associate-opposites.xml': ['2', (p) => [
    type(p, '#qti-RESPONSE-first', 'hot'), type(p, '#qti-RESPONSE-second', 'cold'),
    key(p, '.qti-add-pair', 'Enter'),
    type(p, '#qti-RESPONSE-first', 'up'), type(p, '#qti-RESPONSE-second', 'down'),
    key(p, '.qti-add-pair', 'Enter'),
  ]],
  'qti22/match-capitals.xml': ['3', (p) => [
    key(p, "[data-pair='FR PARIS']", 'Space'),
    key(p, "[data-pair='DE BERLIN']", 'Space'),
    key(p, "[data-pair='IT ROME']", 'Space'),
  ]],
  'qti22/gap-match-seasons.xml': ['2', (p) => [
    type(p, '[data-gap-identifier=G1]', 'winter'),
    type(p, '[data-gap-identifier=G2]', 'summer'),
  ]],
  'qti22/inline-choice-verb.xml': ['1', (p) => [type(p, '.qti-inline-choice-interaction select', 'goes')]],
  'qti22/text-entry-sum.xml': ['1', (p) => [type(p, '.qti-text-entry', '12')]],
  'qti22/extended-text-essay.xml': ['1', (p) => [type(p, 'textarea', 'Spring, when the garden wakes up.')]],
  'qti22/hottext-error.xml': ['1', (p) => [key(p, '[data-choice-identifier=H2]', 'Space')]],
  'qti22/hotspot-lake.xml': ['1', (p) => [key(p, '[data-hotspot-identifier=LAKE]', 'Enter')]],
  'qti22/select-point-origin.xml': ['1', (p) => [key(p, '.qti-point-cursor', 'Enter')]],
  'qti22/graphic-order-trip.xml': ['1', (p) => [
    key(p, '[data-hotspot-identifier=HARBOUR]', 'Enter'),
    key(p, '[data-hotspot-identifier=TOWN]', 'Enter'),
    key(p, '[data-hotspot-identifier=LAKE]', 'Space'),
  ]],
  'qti22/graphic-associate-roads.xml': ['1', (p) => [
    type(p, '#qti-RESPONSE-first', 'town'), type(p, '#qti-RESPONSE-second', 'harbour'),
    key(p, '.qti-add-pair', 'Enter'),
  ]],
  'qti22/graphic-gap-match-camp.xml': ['2', (p) => [
    type(p, 'select[data-hotspot-identifier=HARBOUR]', 'boat'),
    type(p, 'select[data-hotspot-identifier=FOREST]', 'tent'),
  ]],
  'qti22/position-object-flag.xml': ['1', (p) => [
    key(p, '.qti-point-cursor', 'ArrowLeft', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter'),
  ]],
  'qti22/slider-boiling.xml': ['1', (p) => [key(p, 'input[type=range]', ...Array(10).fill('ArrowRight'))]],
  'qti22/drawing-sun.xml': ['1', (p) => [key(p, 'canvas', 'Space', 'ArrowRight', 'ArrowDown', 'ArrowRight')]],
  'qti22/end-attempt-hint.xml': ['1', (p) => [key(p, '[data-choice-identifier=B]', 'Space')]],
  // minPlays=1 and not played: the studio validates, so submission is refused.
  'qti22/media-listen.xml': ['refused', () => []],
  'qti22/upload-photo.xml': ['0', () => []],
  'qti22/custom-widget.xml': ['0', () => []],
  'qti22/feedback-template-arithmetic.xml': ['0', () => []],
  'qti22/math-fraction.xml': ['1', (p) => [type(p, '.qti-text-entry', '0.75')]],
  'qti22/styled-choice.xml': ['1', (p) => [key(p, '[data-choice-identifier=OCEAN]', 'Space')]],
  'qti30/choice-planet.xml': ['1', (p) => [key(p, '[data-choice-identifier=MARS]', 'Space')]],
  'qti30/order-steps.xml': ['1', (p) => [key(p, '[data-choice-identifier=STEEP] .qti-move-down', 'Enter', 'Enter')]],
  'qti30/match-animals.xml': ['2', (p) => [
    key(p, "[data-pair='BEE HIVE']", 'Space'),
    key(p, "[data-pair='BIRD NEST']", 'Space'),
  ]],
  'qti30/text-entry-capital.xml': ['1', (p) => [type(p, '.qti-text-entry', 'rome')]],
  'qti30/hotspot-forest.xml': ['1', (p) => [key(p, '[data-hotspot-identifier=FOREST]', 'Enter')]],
  'qti30/gap-match-colours.xml': ['2', (p) => [
    type(p, '[data-gap-identifier=G1]', 'green'),
    type(p, '[data-gap-identifier=G2]', 'blue'),
  ]],
  'qti30/slider-percent.xml': ['1', (p) => [key(p, 'input[type=range]', ...Array(10).fill('ArrowRight'))]],
  // The PCI's own module runs in a sandboxed iframe; the keyboard reaches it.
  'qti30/pci-likert.xml': ['1', (p) => [async () => {
    const frame = p.frameLocator('.qti-pci-frame');
    await frame.locator('input[value="4"]').focus();
    await p.keyboard.press('Space');
    await p.waitForFunction(() => document.querySelector('[data-outcome="RESPONSE"]')?.textContent.trim() === '4');
  }]],
  'qti30/catalog-photosynthesis.xml': ['1', (p) => [key(p, '[data-choice-identifier=LIGHT]', 'Space')]],
  'qti30/companion-tools.xml': ['3', (p) => [
    type(p, '[data-response-identifier=LENGTH] input', '6'),
    type(p, '[data-response-identifier=ANGLE] input', '60'),
    type(p, '[data-response-identifier=AREA] input', '31.5'),
  ]],
};

async function axe(page, state) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(result, [], `axe violations (${state})`);
}

for (const [sample, [expected, steps]] of Object.entries(CASES)) {
  test(`${sample}: answered by keyboard, SCORE ${expected}, no axe violations`, async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/#/item/${sample}`);
    await page.locator('.qti-item-body').waitFor();
    await axe(page, 'unanswered');
    for (const step of steps(page)) await step();
    await axe(page, 'answered');
    await page.getByRole('button', { name: 'Submit' }).focus();
    await page.keyboard.press('Enter');
    if (expected === 'refused') {
      const msg = page.locator('.qti-validation-message[role=alert]').filter({ hasText: /./ });
      await msg.first().waitFor();
      await axe(page, 'refused');
      assert.deepEqual(errors, []);
      return;
    }
    // The variables panel shows every variable from the start: wait for SCORE to be updated.
    const score = page.locator('[data-outcome="SCORE"]');
    await page.waitForFunction((exp) => document.querySelector('[data-outcome="SCORE"]')?.textContent.trim() === exp,
      expected, { timeout: 5000 }).catch(() => {});
    assert.equal((await score.textContent()).trim(), expected);
    await axe(page, 'submitted');
    assert.deepEqual(errors, []);
  });
}

test('an item stylesheet styles the item and cannot reach the page', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti22/styled-choice.xml`);
  const highlight = page.locator('.sample-highlight');
  await highlight.waitFor();
  await page.waitForFunction(() => document.querySelector('style.qti-item-stylesheet'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.sample-highlight')).color === 'rgb(0, 0, 139)');
  const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(body, 'rgb(255, 0, 0)', 'the item stylesheet reached the page body');
  assert.deepEqual(errors, []);
});

test('every sample item has a keyboard case here', async () => {
  const { page } = await openPage(env.browser, `${env.base}/`);
  const links = await page.locator('.studio-gallery a').allTextContents();
  const missing = links.filter((l) => !(l in CASES));
  assert.deepEqual(missing, [], 'sample items without a keyboard test');
});

test('a PCI runs sandboxed: its module cannot reach the page, and its markup and properties arrive', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti30/pci-likert.xml`);
  const iframe = page.locator('.qti-pci-frame');
  await iframe.waitFor();
  assert.equal(await iframe.getAttribute('sandbox'), 'allow-scripts', 'no allow-same-origin');
  assert.match(await iframe.getAttribute('title'), /urn:example:likert/);
  const frame = page.frameLocator('.qti-pci-frame');
  await frame.locator('input[value="5"]').waitFor();
  assert.equal(await frame.locator('input[type=radio]').count(), 5, 'data-scale="5" reached the PCI');
  assert.match(await frame.locator('.likert').textContent(), /Choose 4 on the scale/);
  const reach = await page.frames().find((f) => f !== page.mainFrame())
    .evaluate(() => { try { return String(parent.document.title); } catch (e) { return 'blocked'; } });
  assert.equal(reach, 'blocked', 'the PCI cannot read the page');
  assert.deepEqual(errors, []);
});
