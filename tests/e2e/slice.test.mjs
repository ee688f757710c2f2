// The first vertical slice: a QTI 2.2 and a QTI 3.0 single-choice item are
// answered in the preview app and the engine, running in WebAssembly,
// reports SCORE 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { start, openPage, artifactsDir } from './harness.mjs';

let env;
before(async () => { env = await start(); mkdirSync(artifactsDir, { recursive: true }); });
after(async () => { await env?.close(); });

for (const [sample, choice] of [['qti22/choice-capital.xml', 'PARIS'], ['qti30/choice-planet.xml', 'MARS']]) {
  test(`choice item ${sample}: click the right answer, submit, SCORE is 1`, async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/#/item/${sample}`);
    const option = page.locator(`[data-choice-identifier="${choice}"]`);
    await option.waitFor();
    await option.click();
    await page.getByRole('button', { name: 'Submit' }).click();
    const score = page.locator('[data-outcome="SCORE"]');
    await page.waitForFunction(() => document.querySelector('[data-outcome="SCORE"]')?.textContent.trim() === '1',
      null, { timeout: 5000 }).catch(() => {});
    assert.equal((await score.textContent()).trim(), '1');
    await page.screenshot({ path: `${artifactsDir}/${sample.replace('/', '-')}.png` });
    assert.deepEqual(errors, []);
  });
}
