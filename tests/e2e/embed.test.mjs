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

test('<qti-player> element beside a mount(): independent, with state and results', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.demoPlayer && document.querySelector('#capital .qti-item-body'));
  // Answer in the element only: the other player is untouched.
  await page.locator('#capital [data-choice-identifier=PARIS]').click();
  assert.equal(await page.locator('#item [data-choice-identifier=B]').isChecked(), false);
  const fromElement = await page.evaluate(async () => {
    const el = document.querySelector('#capital');
    el.submit();
    await new Promise((r) => setTimeout(r, 50));
    return { outcomes: el.getOutcomes(), log: document.querySelector('#element-log').textContent };
  });
  assert.equal(fromElement.outcomes.SCORE, 1);
  for (const event of ['ready', 'responseChanged', 'attemptSubmitted', 'outcomesChanged']) {
    assert.match(fromElement.log, new RegExp(event), `element event ${event}`);
  }
  // getState / restoreState / getResult on the mount() player.
  const api = await page.evaluate(async () => {
    const p = window.demoPlayer;
    p.setResponses({ RESPONSE: 'A' });
    await new Promise((r) => setTimeout(r, 50));
    const saved = p.getState();
    p.setResponse('RESPONSE', 'B');
    await new Promise((r) => setTimeout(r, 50));
    p.restoreState(saved);
    await new Promise((r) => setTimeout(r, 50));
    return { responses: p.getResponses(), qti30: p.getResult('qti30'), qti22: p.getResult('qti22') };
  });
  assert.deepEqual(api.responses, { RESPONSE: 'A' });
  assert.equal(await page.locator('#item [data-choice-identifier=A]').isChecked(), true, 'the restored response is shown');
  assert.match(api.qti30, /imsqti_result_v3p0/);
  assert.match(api.qti30, /<candidateResponse>\s*<value>A<\/value>/);
  assert.match(api.qti22, /imsqti_result_v2p2/);
  // A missing item: an error event and a visible message, nothing thrown.
  const failed = await page.evaluate(async () => {
    const el = document.createElement('qti-player');
    const seen = new Promise((r) => el.addEventListener('error', (e) => r(e.detail.message)));
    el.setAttribute('src', 'missing.xml');
    document.querySelector('main').append(el);
    return { message: await seen, text: el.textContent };
  });
  assert.match(failed.message, /missing\.xml: HTTP 404/);
  assert.match(failed.text, /cannot be shown/);
  // The 404 of the missing item is the only console error.
  assert.ok(errors.every((e) => /404/.test(e)), String(errors));
});
