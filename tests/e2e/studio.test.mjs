// The studio's preview controls on a sample item: show solution, reset,
// seed, text size and contrast (axe in the high-contrast theme), the live
// variables panel and the downloadable assessmentResult.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('preview controls: solution, reset, display options, variables and result', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti22/choice-capital.xml`);
  await page.locator('.qti-item-body').waitFor();
  const paris = page.locator('[data-choice-identifier=PARIS]');
  const lyon = page.locator('[data-choice-identifier=LYON]');

  await page.locator('.studio-solution').click();
  await page.locator('.qti-solution-notice').waitFor();
  assert.equal(await paris.isChecked(), true, 'the solution shows the correct answer');
  await page.locator('.studio-solution').click();
  assert.equal(await paris.isChecked(), false);

  await lyon.click();
  const cell = page.locator('[data-outcome="RESPONSE"]');
  await page.waitForFunction(() => document.querySelector('[data-outcome="RESPONSE"]')?.textContent.trim() === 'LYON');
  assert.equal((await cell.textContent()).trim(), 'LYON', 'the variables panel is live');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForFunction(() => document.querySelector('[data-outcome="numAttempts"]')?.textContent.trim() === '1');
  const href = await page.locator('.studio-download-result').getAttribute('href');
  const xml = decodeURIComponent(href.replace(/^data:application\/xml;charset=utf-8,/, ''));
  assert.match(xml, /imsqti_result_v3p0/);
  assert.match(xml, /<candidateResponse>\s*<value>LYON<\/value>/);

  await page.locator('.studio-reset').click();
  await page.waitForFunction(() => document.querySelector('[data-outcome="numAttempts"]')?.textContent.trim() === '0');
  assert.equal(await lyon.isChecked(), false, 'reset starts a new session');

  await page.selectOption('.studio-text-size', '150%');
  await page.selectOption('.studio-theme', 'qti-theme-high-contrast');
  assert.match(await page.locator('.studio-preview').getAttribute('style'), /150%/);
  assert.match(await page.locator('.studio-preview').getAttribute('class'), /qti-theme-high-contrast/);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], 'no axe violations in high contrast at 150%');
  assert.deepEqual(errors, []);
});

test('conversion: a QTI 2.2 item viewed and downloaded as QTI 3.0, and a 3.0 item as 2.2', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti22/choice-capital.xml`);
  await page.locator('.qti-item-body').waitFor();
  const view = page.getByRole('button', { name: 'View as QTI 3.0' });
  await view.click();
  assert.equal(await view.getAttribute('aria-expanded'), 'true');
  const shown = await page.locator('.studio-converted pre').textContent();
  assert.match(shown, /<qti-assessment-item xmlns="http:\/\/www.imsglobal.org\/xsd\/imsqtiasi_v3p0"/);
  assert.match(shown, /<qti-choice-interaction response-identifier="RESPONSE"/);
  const href = await page.getByRole('link', { name: 'Download as QTI 3.0' }).getAttribute('href');
  const xml = decodeURIComponent(href.replace(/^data:application\/xml;charset=utf-8,/, ''));
  assert.equal(xml, shown, 'the download is what is shown');
  // The converted item plays the same: mount it and score the right answer.
  await page.goto(`${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const score = await page.evaluate(async (xml) => {
    const host = document.createElement('div');
    document.querySelector('main').append(host);
    const p = window.wasmBindings.mount(host, { xml, idPrefix: 'conv' });
    p.setResponse('RESPONSE', 'PARIS');
    await new Promise((r) => setTimeout(r, 50));
    p.submit();
    await new Promise((r) => setTimeout(r, 50));
    return p.getOutcomes().SCORE;
  }, xml);
  assert.equal(score, 1);

  await page.goto(`${env.base}/#/item/qti30/choice-planet.xml`);
  await page.locator('.qti-item-body').waitFor();
  await page.getByRole('button', { name: 'View as QTI 2.2' }).click();
  assert.match(await page.locator('.studio-converted pre').textContent(), /<assessmentItem xmlns="http:\/\/www.imsglobal.org\/xsd\/imsqti_v2p2"/);
  assert.deepEqual(errors, []);
});

test('split view: editing the XML re-renders; problems listed with line:col jump to the line', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti22/choice-capital.xml`);
  await page.locator('.qti-item-body').waitFor();
  await page.getByRole('link', { name: 'Edit the source' }).click();
  const source = page.locator('#studio-source');
  await source.waitFor();
  assert.match(await page.locator('.studio-gutter').textContent(), /^1\n2\n3/);
  assert.match(await page.locator('.studio-problems').textContent(), /No problems found/);
  // Change the prompt in the source: the rendering follows.
  const xml = await source.inputValue();
  const prompt = (xml.match(/<prompt>([^<]*)<\/prompt>/) ?? [])[1];
  assert.ok(prompt, 'the sample has a prompt');
  await source.fill(xml.replace(prompt, 'Which city is the capital of France, really?'));
  await page.locator('.qti-prompt', { hasText: 'really?' }).waitFor();
  // Break it (an element never closed): the problem is listed with its place.
  await source.fill(xml.replace('</responseDeclaration>', '</responseDeclaration><oops>'));
  const problem = page.locator('.studio-error .studio-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /^\d+:\d+: /);
  const errLine = Number((await problem.textContent()).split(':')[0]);
  await problem.click();
  const caretLine = await source.evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caretLine, errLine, 'the cursor moved to the problem line');
  assert.equal(await source.evaluate((t) => t === document.activeElement), true);
  assert.deepEqual(errors, []);
});

test('player language: the preview speaks French when the author picks it', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti22/choice-capital.xml`);
  await page.locator('.qti-item-body').waitFor();
  await page.selectOption('.studio-locale', 'fr');
  await page.getByRole('button', { name: 'Valider', exact: true }).waitFor();
  assert.match(await page.locator('.qti-choice-interaction').textContent(), /Choisissez une seule option \(réponse\)\./);
  await page.getByRole('button', { name: 'Valider', exact: true }).click();
  await page.locator('.qti-status', { hasText: 'Tentative 1 validée.' }).waitFor();
  assert.deepEqual(errors, []);
});

test('rubric blocks: the studio shows the candidate, scorer or author view', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti22/extended-text-essay.xml`);
  await page.locator('.qti-item-body').waitFor();
  const rubric = page.locator('.qti-item-body .qti-rubric-block');
  assert.deepEqual(await rubric.allTextContents(), ['Write two or three sentences. Spelling is not marked.']);
  await page.selectOption('.studio-view', 'scorer');
  await page.locator('.qti-rubric-block[data-view=scorer]').waitFor();
  assert.deepEqual(await rubric.allTextContents(), ['Scoring guide: 1 point for any answer; a human scorer may add 1 for a reason given.']);
  await page.selectOption('.studio-view', 'author');
  await page.locator('.qti-rubric-block[data-view=author]').waitFor();
  assert.match(await rubric.textContent(), /Author's note/);
  assert.deepEqual(errors, []);
});
