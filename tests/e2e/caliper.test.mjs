// The player's Caliper sensor through the embedding API: events reach the
// host callback and the endpoint in envelopes (bearer token, JSON);
// 5xx and network errors are retried from a persistent queue (a reload
// loses nothing); a 4xx answer is reported to the host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let env;
let qtiBin;
before(async () => {
  execFileSync('cargo', ['build', '-q', '-p', 'qti-cli'], { cwd: root, stdio: 'inherit' });
  qtiBin = path.join(root, 'target/debug/qti');
  env = await start();
});
after(async () => { await env?.close(); });

/** `qti caliper serve` (the district's endpoint) on `port` (0: any free
 * port), storing accepted events in `out`; resolves once it listens. */
function serve(port, out) {
  const child = spawn(qtiBin, ['caliper', 'serve', '--port', String(port), '--token', 'secret-token', '--out', out],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = text.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`qti caliper serve exited with ${code}`)));
  });
}

function stored(out) {
  return existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

async function until(condition, what, timeout = 30000) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ITEM = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="cal" title="Caliper item" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>B</value></correctResponse></responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>1</value></defaultValue></outcomeDeclaration>
  <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Pick B</prompt>
    <simpleChoice identifier="A">A</simpleChoice><simpleChoice identifier="B">B</simpleChoice></choiceInteraction></itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
</assessmentItem>`;

const CONTEXT = {
  group: { id: 'https://example.edu/terms/2026/courses/7/sections/1', type: 'CourseSection', name: 'Grade 6 maths' },
  membership: { id: 'https://example.edu/terms/2026/courses/7/sections/1/rosters/1', roles: ['Learner'] },
  session: 'https://example.edu/sessions/1f6442a482de72ea6ad134943812bff564a76259',
};

/** Mounts the item with a Caliper sensor; waits for `minEvents` of its events. */
async function mountWithCaliper(page, endpoint, minEvents = 2, extra = {}) {
  await page.waitForFunction(() => window.wasmBindings);
  await page.evaluate(({ xml, endpoint, extra }) => {
    window.hostEvents = [];
    const div = document.createElement('div');
    div.id = 'cal';
    document.body.append(div);
    window.calPlayer = window.wasmBindings.mount(div, {
      xml, idPrefix: 'cal',
      caliper: {
        sensor: 'https://example.edu/sensors/qti', actor: 'https://example.edu/users/554433',
        edApp: 'https://example.edu/qti-player', assessment: 'https://example.edu/assessments/1',
        endpoints: [{ url: endpoint, token: 'secret-token' }],
        ...extra,
      },
      onEvent: (type, detail) => window.hostEvents.push([type, detail]),
    });
  }, { xml: ITEM, endpoint, extra });
  await page.waitForFunction(() => window.hostEvents.some(([t]) => t === 'ready'));
  await page.waitForFunction((n) => window.hostEvents.filter(([t]) => t === 'caliper').length >= n, minEvents);
}

test('events reach the host and the endpoint; after a 5xx they stay queued and a reload delivers them', { timeout: 60000 }, async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  const received = [];
  let answer = 503;
  await page.route('**/caliper-endpoint', async (route) => {
    const req = route.request();
    received.push({ status: answer, headers: req.headers(), body: JSON.parse(req.postData()) });
    await route.fulfill({ status: answer, body: '' });
  });
  await mountWithCaliper(page, `${env.base}/caliper-endpoint`);
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('qti-caliper-queue:')));
  // The endpoint was down: the events wait in localStorage. Reload.
  await page.waitForTimeout(300);
  const queued = await page.evaluate(() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('qti-caliper-queue:'))[1]));
  assert.equal(queued.length, 2, 'Started events queued while the endpoint fails');
  answer = 200;
  await page.reload();
  // The reloaded page goes on with the attempts in progress: no second Started.
  await mountWithCaliper(page, `${env.base}/caliper-endpoint`, 0);
  await page.locator('#cal [data-choice-identifier=B]').click();
  await page.evaluate(() => window.calPlayer.submit());
  await page.waitForFunction(() => window.hostEvents.filter(([t]) => t === 'caliper').length >= 2);
  await page.waitForFunction(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('qti-caliper-queue:')).every(([, v]) => JSON.parse(v).length === 0), null, { timeout: 15000 });
  const delivered = received.filter((r) => r.status === 200).flatMap((r) => r.body.data);
  const types = delivered.map((e) => `${e.type} ${e.action.split('#').pop()}`);
  // The two queued before the reload, then the new page's two.
  assert.deepEqual(types, ['AssessmentEvent Started', 'AssessmentItemEvent Started',
    'AssessmentItemEvent Completed', 'GradeEvent Graded']);
  const started = delivered[1].generated;
  assert.equal(delivered[2].generated.attempt.id, started.id, 'the reload continued the item attempt');
  const ok = received.find((r) => r.status === 200);
  assert.equal(ok.headers['content-type'], 'application/json');
  assert.equal(ok.headers.authorization, 'Bearer secret-token');
  assert.equal(ok.body.sensor, 'https://example.edu/sensors/qti');
  assert.equal(ok.body.dataVersion, 'http://purl.imsglobal.org/ctx/caliper/v1p2');
  assert.match(ok.body.sendTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  for (const e of delivered) {
    assert.match(e.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(e['@context'], 'http://purl.imsglobal.org/ctx/caliper/v1p2');
  }
  const graded = delivered.find((e) => e.type === 'GradeEvent');
  assert.equal(graded.generated.scoreGiven, 1);
  assert.deepEqual(errors.filter((e) => !e.includes('503')), []);
});

test('a 4xx answer is reported to the host, not retried', { timeout: 30000 }, async () => {
  const { page } = await openPage(env.browser, `${env.base}/embed/index.html`);
  const sent = [];
  await page.route('**/caliper-refuses', async (route) => {
    sent.push(...JSON.parse(route.request().postData()).data.map((e) => e.id));
    await route.fulfill({ status: 401, body: '' });
  });
  await mountWithCaliper(page, `${env.base}/caliper-refuses`);
  await page.waitForFunction(() => window.hostEvents.some(([t]) => t === 'error'));
  const message = await page.evaluate(() => window.hostEvents.find(([t]) => t === 'error')[1]);
  assert.match(message, /HTTP 401/);
  await page.waitForTimeout(1500);
  assert.equal(sent.length, 2, 'each event was sent');
  assert.equal(new Set(sent).size, sent.length, 'no event sent twice: no retry after a 4xx');
});

test('the host\'s group, membership and session reach every event; answering again is a second item attempt', { timeout: 30000 }, async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.route('**/caliper-ok', (route) => route.fulfill({ status: 200, body: '' }));
  await page.evaluate(() => localStorage.clear());
  await mountWithCaliper(page, `${env.base}/caliper-ok`, 2, CONTEXT);
  // Two attempts allowed through the API: answer, submit, answer again, submit.
  for (const choice of ['A', 'B']) {
    await page.locator(`#cal [data-choice-identifier=${choice}]`).click();
    await page.evaluate(() => window.calPlayer.submit());
  }
  await page.waitForFunction(() => window.hostEvents.filter(([t]) => t === 'caliper').length >= 7);
  const events = await page.evaluate(() => window.hostEvents.filter(([t]) => t === 'caliper').map(([, e]) => e));
  const summary = events.map((e) => `${e.type} ${e.action}`);
  assert.deepEqual(summary.slice(0, 7), [
    'AssessmentEvent Started', 'AssessmentItemEvent Started', 'AssessmentItemEvent Completed', 'GradeEvent Graded',
    'AssessmentItemEvent Started', 'AssessmentItemEvent Completed', 'GradeEvent Graded',
  ]);
  assert.equal(events[1].generated.count, 1);
  assert.equal(events[4].generated.count, 2, 'the second attempt at the item');
  assert.equal(events[5].generated.attempt.id, events[4].generated.id);
  for (const e of events) {
    assert.equal(e.group.id, CONTEXT.group.id);
    assert.equal(e.group.type, 'CourseSection');
    // The Grading Profile's events are the scorer's, not the learner's.
    if (e.type === 'GradeEvent') continue;
    assert.equal(e.membership.id, CONTEXT.membership.id);
    assert.deepEqual(e.membership.roles, ['Learner']);
    assert.equal(e.session.id, CONTEXT.session);
  }
  assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'ids are unique');
  assert.deepEqual(errors, []);
});

test('through a real outage of `qti caliper serve` and a reload, every event arrives once and validates', { timeout: 90000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qti-caliper-'));
  const out = path.join(dir, 'events.jsonl');
  let server = await serve(0, out);
  const port = server.port;
  const endpoint = `http://127.0.0.1:${port}/caliper`;
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await mountWithCaliper(page, endpoint);
  await until(() => stored(out).length === 2, 'the Started events at the endpoint');
  const seen = await page.evaluate(() => window.hostEvents.filter(([t]) => t === 'caliper').map(([, e]) => e.id));

  // The endpoint goes down (connections refused: network errors, not HTTP answers).
  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
  await page.locator('#cal [data-choice-identifier=B]').click();
  await page.evaluate(() => window.calPlayer.submit());
  await page.waitForFunction(() => window.hostEvents.filter(([t]) => t === 'caliper').length >= 4);
  seen.push(...await page.evaluate(() => window.hostEvents.filter(([t]) => t === 'caliper').slice(2).map(([, e]) => e.id)));
  await page.waitForTimeout(1500);
  // The page is reloaded while the endpoint is still down.
  await page.reload();
  await mountWithCaliper(page, endpoint, 0);
  await page.waitForTimeout(1000);
  assert.equal(stored(out).length, 2, 'nothing arrived during the outage');
  // The item shown again after its submission is a new attempt at it.
  seen.push(...await page.evaluate(() => window.hostEvents.filter(([t]) => t === 'caliper').map(([, e]) => e.id)));

  server = await serve(port, out);
  try {
    await until(() => stored(out).length >= seen.length, 'the queued events after the outage');
    await page.waitForTimeout(1500);
    const events = stored(out);
    const ids = events.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, `no event stored twice: ${ids.join(' ')}`);
    assert.deepEqual([...ids].sort(), [...seen].sort(), 'every event the host saw reached the endpoint');
    assert.deepEqual(events.map((e) => `${e.type} ${e.action}`), ['AssessmentEvent Started', 'AssessmentItemEvent Started',
      'AssessmentItemEvent Completed', 'GradeEvent Graded', 'AssessmentItemEvent Started']);
    assert.equal(events[4].generated.count, 2);
    // Each stored event, as the endpoint stored it (JavaScript would write
    // 1.0 as 1), passes the validator on its own.
    readFileSync(out, 'utf8').split('\n').filter(Boolean)
      .forEach((line, i) => writeFileSync(path.join(dir, `event-${i}.json`), line));
    const check = spawnSync(qtiBin, ['caliper', 'validate', ...events.map((_, i) => path.join(dir, `event-${i}.json`))], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout);
    const queues = await page.evaluate(() => Object.entries(localStorage)
      .filter(([k]) => k.startsWith('qti-caliper-queue:')).map(([, v]) => JSON.parse(v).length));
    assert.deepEqual(queues, [0], 'the queue is empty');
  } finally {
    server.child.kill();
  }
  assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|net::/.test(e)), []);
});

test('two players of one sensor on a page share its queue: nothing is sent twice', { timeout: 30000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qti-caliper-'));
  const out = path.join(dir, 'events.jsonl');
  const server = await serve(0, out);
  try {
    const endpoint = `http://127.0.0.1:${server.port}/caliper`;
    const { page } = await openPage(env.browser, `${env.base}/embed/index.html`);
    await page.waitForFunction(() => window.wasmBindings);
    await page.evaluate(({ xml, endpoint }) => {
      window.hostEvents = [];
      for (const n of [1, 2]) {
        const div = document.createElement('div');
        document.body.append(div);
        window.wasmBindings.mount(div, {
          xml: xml.replace('identifier="cal"', `identifier="cal${n}"`), idPrefix: `p${n}`,
          caliper: {
            sensor: 'https://example.edu/sensors/qti', actor: 'https://example.edu/users/554433',
            edApp: 'https://example.edu/qti-player', assessment: `https://example.edu/assessments/${n}`,
            endpoints: [{ url: endpoint, token: 'secret-token' }],
          },
          onEvent: (type, detail) => window.hostEvents.push([type, detail]),
        });
      }
    }, { xml: ITEM, endpoint });
    await until(() => stored(out).length >= 4, 'both players\' Started events');
    await page.waitForTimeout(1500);
    const ids = stored(out).map((e) => e.id);
    assert.equal(ids.length, 4);
    assert.equal(new Set(ids).size, 4, 'no event sent twice');
  } finally {
    server.child.kill();
  }
});

test('a long queue goes out in envelopes of at most 100 events; a 429 answer is retried', { timeout: 60000 }, async () => {
  const { page } = await openPage(env.browser, `${env.base}/embed/index.html`);
  const endpoint = `${env.base}/caliper-busy`;
  const answers = [];
  await page.route('**/caliper-busy', async (route) => {
    const status = answers.length === 0 ? 429 : 200;
    answers.push({ status, ids: JSON.parse(route.request().postData()).data.map((e) => e.id) });
    await route.fulfill({ status, body: '' });
  });
  // 150 events an earlier page could not deliver.
  await page.evaluate((endpoint) => {
    const queued = Array.from({ length: 150 }, (_, i) => ({ id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    localStorage.setItem(`qti-caliper-queue:https://example.edu/sensors/qti:${endpoint}`, JSON.stringify(queued));
  }, endpoint);
  await mountWithCaliper(page, endpoint);
  await page.waitForFunction(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('qti-caliper-queue:')).every(([, v]) => JSON.parse(v).length === 0), null, { timeout: 30000 });
  assert.equal(answers[0].status, 429);
  assert.deepEqual(answers[1].ids, answers[0].ids, 'the refused envelope is sent again');
  assert.ok(answers.every((a) => a.ids.length <= 100), answers.map((a) => a.ids.length).join(','));
  const delivered = answers.filter((a) => a.status === 200).flatMap((a) => a.ids);
  assert.equal(delivered.length, 152, 'the 150 queued and this page\'s 2');
  assert.equal(new Set(delivered).size, 152);
});
