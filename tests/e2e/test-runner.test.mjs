// Whole tests in the test runner, by keyboard only: the linear sample
// (submit, next, a reload in the middle that resumes at the same item, end
// screen with test feedback) and the nonlinear sample (question map,
// flag, review screen, simultaneous submission). Final outcomes come from
// the engine's outcome processing in WebAssembly; axe runs on each screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start, openPage } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function axe(page, state) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(result, [], `axe violations (${state})`);
}

/** Focus an element and press keys, as a keyboard user would. */
async function press(page, selector, ...keys) {
  await page.locator(selector).first().focus();
  for (const k of keys) await page.keyboard.press(k);
}

async function typeInto(page, selector, text) {
  await page.locator(selector).first().focus();
  await page.keyboard.type(text);
}

async function heading(page) {
  const h = page.locator('.qti-test-runner h2[tabindex="-1"]');
  await h.waitFor();
  return (await h.textContent()).trim();
}

/** The text of the focused element: navigation moves focus to the new heading. */
const focused = (page) => page.evaluate(() => document.activeElement?.textContent?.trim());

const outcome = async (page, id) => (await page.locator(`.qti-end-screen [data-outcome="${id}"]`).textContent()).trim();

test('linear test: answered by keyboard, solution shown, resumed after a reload, scored at the end', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/test/tests/linear-basics.xml`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.match(await heading(page), /^Question 1/);
  assert.equal(await page.locator('.qti-previous').count(), 0, 'no going back in a linear part');
  assert.equal(await page.locator('.qti-question-map').count(), 0);
  assert.match(await page.locator('.qti-rubric-block').textContent(), /cannot go back/);
  await axe(page, 'linear, first item');

  assert.equal(await page.locator('.qti-show-solution').count(), 0, 'no solution before the attempt');
  await press(page, '[data-choice-identifier=LYON]', 'Space');
  await press(page, '.qti-submit', 'Enter');
  await page.locator('.qti-status', { hasText: 'Answer submitted' }).waitFor();
  // showSolution: after the only attempt, the correct answer can be shown.
  await press(page, '.qti-show-solution', 'Enter');
  await page.locator('.qti-solution-notice').waitFor();
  assert.equal(await page.locator('[data-choice-identifier=PARIS]').isChecked(), true);
  await press(page, '.qti-show-solution', 'Enter');
  assert.equal(await page.locator('[data-choice-identifier=LYON]').isChecked(), true, 'own answer again');
  await press(page, '.qti-next', 'Enter');
  assert.match(await heading(page), /^Question 2/);
  assert.match(await focused(page), /^Question 2/, 'focus moves to the new item heading');

  await typeInto(page, '.qti-text-entry', '12');
  await press(page, '.qti-submit', 'Enter');
  await page.locator('.qti-status', { hasText: 'Answer submitted' }).waitFor();

  // The Caliper attempt the delivery started.
  await page.locator('.studio-caliper summary').click();
  const started = page.locator('.studio-caliper li', { hasText: 'AssessmentEvent Started' });
  assert.equal(await started.count(), 1);
  const attempt = await started.getAttribute('data-attempt');
  assert.match(attempt, /^urn:uuid:/);

  // A reload resumes at the same item with the same progress.
  await page.reload();
  assert.match(await heading(page), /^Question 2/);
  await press(page, '.qti-next', 'Enter');
  assert.match(await heading(page), /^Question 3/);

  await page.locator('.qti-inline-choice-interaction select').focus();
  await page.selectOption('.qti-inline-choice-interaction select', { label: 'goes' });
  await press(page, '.qti-submit', 'Enter');
  await page.locator('.qti-status', { hasText: 'Answer submitted' }).waitFor();
  await press(page, '.qti-finish-part', 'Enter');

  assert.equal(await heading(page), 'Test submitted');
  assert.equal(await outcome(page, 'SCORE'), '2');
  assert.equal(await outcome(page, 'NCORRECT'), '2');
  assert.equal(await outcome(page, 'FEEDBACK'), 'PASS');
  assert.match(await page.locator('.qti-test-feedback').textContent(), /Well done/);
  // The Caliper events since the reload: the sensor kept its state, so the
  // same attempt goes on (no second Started) and is the one submitted.
  const events = await page.locator('.studio-caliper li').allTextContents();
  assert.ok(!events.includes('AssessmentEvent Started'), `no new attempt: ${events}`);
  for (const e of ['NavigationEvent NavigatedTo', 'AssessmentItemEvent Started', 'AssessmentItemEvent Completed']) {
    assert.ok(events.includes(e), `${e} in ${events}`);
  }
  assert.deepEqual(events.slice(-2), ['AssessmentEvent Submitted', 'GradeEvent Graded']);
  const submitted = page.locator('.studio-caliper li', { hasText: 'AssessmentEvent Submitted' });
  assert.equal(await submitted.getAttribute('data-attempt'), attempt, 'the attempt started before the reload');
  await axe(page, 'linear, end screen');
  assert.deepEqual(errors, []);
});

test('nonlinear test: question map, flag, review, submitted together', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/test/tests/nonlinear-review.xml`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.match(await heading(page), /^Question 1/);
  assert.match(await page.locator('.qti-timer').textContent(), /Time left 3\d:\d\d|Time left 29:\d\d/);
  assert.equal(await page.locator('.qti-submit').count(), 0, 'simultaneous: no per-item submit');
  const map = page.locator('.qti-question-map button');
  assert.equal(await map.count(), 3);
  await axe(page, 'nonlinear, first item');

  // Jump to question 2 from the map, answer it, come back with Previous.
  await press(page, '.qti-question-map li:nth-child(2) button', 'Enter');
  assert.match(await heading(page), /^Question 2/);
  assert.equal(await map.nth(1).getAttribute('aria-current'), 'step');
  await typeInto(page, '.qti-text-entry', 'Rome');
  await press(page, '.qti-previous', 'Enter');
  assert.match(await heading(page), /^Question 1/);
  assert.match(await map.nth(1).getAttribute('aria-label'), /answered/);
  await press(page, '[data-choice-identifier=MARS]', 'Space');
  await page.waitForFunction(() => document.querySelector('.qti-question-map li:nth-child(1) button').classList.contains('qti-answered'));
  await axe(page, 'two questions answered');

  // Flag question 3 without answering it.
  await press(page, '.qti-question-map li:nth-child(3) button', 'Enter');
  await press(page, '.qti-flag', 'Enter');
  assert.equal(await page.locator('.qti-flag').getAttribute('aria-pressed'), 'true');
  assert.match(await map.nth(2).getAttribute('aria-label'), /not answered, flagged/);
  await axe(page, 'question flagged');

  // Reload: the answers are still there.
  await page.reload();
  assert.match(await heading(page), /^Question 3/);
  assert.match(await page.locator('.qti-question-map li:nth-child(1) button').getAttribute('aria-label'), /, answered/);
  assert.match(await page.locator('.qti-question-map li:nth-child(3) button').getAttribute('aria-label'), /flagged/, 'flags are kept with the session');

  // Pause: the item is hidden and the clock stops; resume brings it back.
  await press(page, '.qti-pause', 'Enter');
  assert.equal(await heading(page), 'Test paused');
  await axe(page, 'paused');
  const frozen = await page.locator('.qti-timer').textContent();
  await page.waitForTimeout(2200);
  assert.equal(await page.locator('.qti-timer').textContent(), frozen, 'the clock stops while paused');
  await press(page, '.qti-resume', 'Enter');
  assert.match(await heading(page), /^Question 3/);
  const events = await page.locator('.studio-caliper li').allTextContents();
  assert.ok(events.includes('AssessmentEvent Paused') && events.includes('AssessmentEvent Resumed'), String(events));

  await press(page, '.qti-review', 'Enter');
  assert.equal(await heading(page), 'Review your answers');
  assert.match(await page.locator('.qti-review-screen').textContent(), /2 of 3 questions answered; 1 flagged/);
  await axe(page, 'review screen');
  await press(page, '.qti-end-test', 'Enter');

  assert.equal(await heading(page), 'Test submitted');
  assert.equal(await outcome(page, 'SCORE'), '2');
  assert.equal(await outcome(page, 'NCORRECT'), '2');
  assert.equal(await outcome(page, 'NRESPONDED'), '2');
  assert.deepEqual(errors, []);
});
