// Secure scoring end to end: a platform's server (a small HTTP server here,
// on 127.0.0.1) gives the browser only the delivery form made by
// `qti deliver`; the player collects responses; the server scores them
// with `qti score` and `qti feedback` on the full item and sends back the
// outcomes and feedback, which the player shows. Nothing the browser
// receives holds the key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = '11';

let env;
let platform;
let qtiBin;

/** Run the `qti` command; `input` goes to its standard input. */
function qti(args, input = '') {
  return execFileSync(qtiBin, args, { cwd: root, input, encoding: 'utf8' });
}

/** The platform: GET /delivery/ITEM and POST /score/ITEM (the responses as JSON). */
function platformServer() {
  const server = createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type' };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    const [, action, ...rest] = req.url.split('/');
    const item = `items/${rest.join('/')}`;
    if (action === 'delivery') {
      res.writeHead(200, { ...cors, 'content-type': 'application/xml' });
      res.end(qti(['deliver', item, '--seed', SEED, '-']));
      return;
    }
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const outcomes = JSON.parse(qti(['score', item, '--seed', SEED, '--responses', '-'], body));
      const feedback = JSON.parse(qti(['feedback', item, '--seed', SEED, '--responses', '-'], body));
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      res.end(JSON.stringify({ outcomes, feedback }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  execFileSync('cargo', ['build', '-q', '-p', 'qti-cli'], { cwd: root, stdio: 'inherit' });
  qtiBin = path.join(root, 'target/debug/qti');
  env = await start();
  platform = await platformServer();
});
after(async () => {
  await env?.close();
  platform?.close();
});

/** Mount ITEM's delivery form in secure mode; submitting sends the responses to the platform. */
async function mountSecure(page, item, id) {
  const base = `http://127.0.0.1:${platform.address().port}`;
  await page.evaluate(async ({ base, item, id }) => {
    const xml = await (await fetch(`${base}/delivery/${item}`)).text();
    const host = document.createElement('div');
    host.id = id;
    document.querySelector('main').append(host);
    const player = window.wasmBindings.mount(host, {
      xml,
      idPrefix: id,
      scoring: 'external',
      onEvent: async (type) => {
        if (type !== 'attemptSubmitted') return;
        const res = await fetch(`${base}/score/${item}`, { method: 'POST', body: JSON.stringify(player.getResponses()) });
        const { outcomes, feedback } = await res.json();
        player.showOutcomes(outcomes, feedback);
      },
    });
    window[id] = player;
  }, { base, item, id });
  await page.locator(`#${id} .qti-item-body`).waitFor();
}

test('secure mode: the browser gets the delivery form, the qti command scores on the server', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  const received = [];
  page.on('response', async (r) => {
    if (r.url().includes(`:${platform.address().port}/`)) received.push(await r.text().catch(() => ''));
  });
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);

  // A text-entry item whose key is a word: the word never reaches the browser.
  await mountSecure(page, 'qti30/text-entry-capital.xml', 'cap');
  await page.locator('#cap .qti-text-entry').fill('rome');
  await page.locator('#cap .qti-submit').click();
  await page.waitForFunction(() => window.cap.getOutcomes().SCORE !== undefined, null, { timeout: 5000 })
    .catch(() => assert.fail(`no outcomes: ${errors.join('; ')}`));
  assert.equal(await page.evaluate(() => window.cap.getOutcomes().SCORE), 1);
  await page.locator('#cap .qti-status').filter({ hasText: 'Scored.' }).waitFor();

  // Template values come from the server's seed; the server's feedback is shown as text.
  await mountSecure(page, 'qti22/feedback-template-arithmetic.xml', 'arith');
  assert.match(await page.locator('#arith .qti-item-body').textContent(), /What is 7 × 3\?/);
  await page.locator('#arith .qti-text-entry').fill('21');
  await page.locator('#arith .qti-submit').click();
  const feedback = page.locator('#arith .qti-server-feedback');
  await feedback.waitFor();
  assert.deepEqual(await feedback.locator('p').allTextContents(), ['Correct.', 'That is right: 7 × 3 = 21.']);
  assert.equal(await page.evaluate(() => window.arith.getOutcomes().SCORE), 1);

  const deliveries = received.filter((t) => t.startsWith('<?xml'));
  assert.equal(deliveries.length, 2);
  for (const text of received) {
    assert.doesNotMatch(text, /Rome|Roma|correct-?[rR]esponse|response-?[pP]rocessing|[mM]odal-?[fF]eedback|Not yet/);
  }
  // The full item is refused in secure mode.
  const refused = await page.evaluate(async () => {
    const xml = await (await fetch('choice-capital.xml')).text();
    try { window.wasmBindings.mount(document.createElement('div'), { xml, scoring: 'external' }); } catch (e) { return String(e.message ?? e); }
    return 'mounted';
  });
  assert.match(refused, /scoring 'external' takes the item's delivery form .*correct response of 'RESPONSE'/);
  assert.deepEqual(errors, []);
});
