// The player's Caliper sensor through the embedding API: events reach the
// host callback and the endpoint in envelopes (bearer token, JSON);
// 5xx and network errors are retried from a persistent queue (a reload
// loses nothing); a 4xx answer is reported to the host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const ITEM = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="cal" title="Caliper item" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>B</value></correctResponse></responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>1</value></defaultValue></outcomeDeclaration>
  <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Pick B</prompt>
    <simpleChoice identifier="A">A</simpleChoice><simpleChoice identifier="B">B</simpleChoice></choiceInteraction></itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
</assessmentItem>`;

async function mountWithCaliper(page, endpoint) {
  await page.waitForFunction(() => window.wasmBindings);
  await page.evaluate(({ xml, endpoint }) => {
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
      },
      onEvent: (type, detail) => window.hostEvents.push([type, detail]),
    });
  }, { xml: ITEM, endpoint });
  await page.waitForFunction(() => window.hostEvents.filter(([t]) => t === 'caliper').length >= 2);
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
  await mountWithCaliper(page, `${env.base}/caliper-endpoint`);
  await page.locator('#cal [data-choice-identifier=B]').click();
  await page.evaluate(() => window.calPlayer.submit());
  await page.waitForFunction(() => window.hostEvents.filter(([t]) => t === 'caliper').length >= 4);
  await page.waitForFunction(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('qti-caliper-queue:')).every(([, v]) => JSON.parse(v).length === 0), null, { timeout: 15000 });
  const delivered = received.filter((r) => r.status === 200).flatMap((r) => r.body.data);
  const types = delivered.map((e) => `${e.type} ${e.action.split('#').pop()}`);
  // The two queued before the reload, then the new page's four.
  assert.deepEqual(types.slice(0, 2), ['AssessmentEvent Started', 'AssessmentItemEvent Started']);
  assert.ok(types.includes('AssessmentItemEvent Completed') && types.includes('GradeEvent Graded'), types.join(', '));
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
