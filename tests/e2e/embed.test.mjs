// The embedding API: the example page (web/embed.html, built to
// dist/embed) mounts an item with mount(); the host sets a response,
// submits and reads the outcomes, and receives the events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('mount(), setResponse(), submit(), getOutcomes() and events', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.demoPlayer && document.querySelector('#item .qti-item-body'));
  await page.waitForFunction(() => document.querySelector('#log').textContent.includes('ready'));
  const result = await page.evaluate(async () => {
    const p = window.demoPlayer;
    p.setResponse('RESPONSE', 'B');
    await new Promise((r) => setTimeout(r, 50));
    const responses = p.getResponses();
    p.submit();
    await new Promise((r) => setTimeout(r, 50));
    let bad = null;
    try { p.setResponse('NOPE', 'B'); } catch (e) { bad = String(e.message ?? e); }
    return { responses, outcomes: p.getOutcomes(), log: document.querySelector('#log').textContent, bad };
  });
  assert.deepEqual(result.responses, { RESPONSE: 'B' });
  assert.equal(result.outcomes.SCORE, 1);
  assert.equal(result.outcomes.completionStatus, 'completed');
  for (const event of ['ready', 'responseChanged', 'attemptSubmitted', 'outcomesChanged']) {
    assert.match(result.log, new RegExp(event), `event ${event} reached the host`);
  }
  assert.match(result.bad, /NOPE/, 'a clear error for an unknown response');
  // The radio shows the response set through the API.
  assert.equal(await page.locator('[data-choice-identifier=B]').isChecked(), true);
  assert.deepEqual(errors, []);
});
