// The embedding API: the example page (web/embed.html, built to
// dist/embed) mounts an item with mount(); the host sets a response,
// submits and reads the outcomes, and receives the events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Submit the page's player `window[name]` and read its SCORE. */
function submittedScore(page, name) {
  return page.evaluate(async (name) => {
    window[name].submit();
    await new Promise((r) => setTimeout(r, 50));
    return window[name].getOutcomes().SCORE;
  }, name);
}

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

test('warm-up: once the page is idle the bundle plays its own item off the page, scores it, and leaves no trace', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.demoPlayer && document.querySelector('#item .qti-item-body'));
  await page.waitForFunction(() => document.querySelector('#log').textContent.includes('ready'));
  const result = await page.evaluate(async () => {
    const log = document.querySelector('#log').textContent;
    // The warm-up started by itself when the page was idle: warmUp() gives
    // that run's outcomes (it never plays twice).
    const outcomes = await window.wasmBindings.warmUp();
    const again = await window.wasmBindings.warmUp();
    await new Promise((r) => setTimeout(r, 50));
    return {
      outcomes,
      again,
      // Its content lives in a closed shadow root: only its host element
      // could be left behind in the page.
      leftovers: document.querySelectorAll('body > [inert][aria-hidden="true"]').length,
      logUnchanged: document.querySelector('#log').textContent === log,
    };
  });
  assert.equal(result.outcomes.SCORE, 4, 'read, rendered, answered through setResponse and scored');
  assert.equal(result.outcomes.FEEDBACK, 'FULL');
  assert.deepEqual(result.again, result.outcomes);
  assert.equal(result.leftovers, 0, 'its element is gone');
  assert.ok(result.logUnchanged, 'none of its events reached the host');
  // The page's own player still answers and scores.
  await page.locator('#item [data-choice-identifier=B]').click();
  assert.equal(await submittedScore(page, 'demoPlayer'), 1);
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
    return {
      responses: p.getResponses(), qti30: p.getResult('qti30'),
      qti22: p.getResult('qti22', { sourcedId: 'student-1', sessionIdentifiers: [{ sourceId: 'https://lms.example.edu', identifier: 'attempt-7' }] }),
    };
  });
  assert.deepEqual(api.responses, { RESPONSE: 'A' });
  assert.equal(await page.locator('#item [data-choice-identifier=A]').isChecked(), true, 'the restored response is shown');
  assert.match(api.qti30, /imsqti_result_v3p0/);
  assert.match(api.qti30, /<candidateResponse>\s*<value>A<\/value>/);
  assert.match(api.qti22, /imsqti_result_v2p2/);
  assert.match(api.qti22, /<context sourcedId="student-1">\s*<sessionIdentifier sourceID="https:\/\/lms\.example\.edu" identifier="attempt-7"\s*\/>/);
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

test('<qti-player> whose src changes while it loads shows the latest item only', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const shown = await page.evaluate(async () => {
    const xml = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="later" title="The later item" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
      <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><simpleChoice identifier="X">x</simpleChoice></choiceInteraction></itemBody></assessmentItem>`;
    const el = document.createElement('qti-player');
    let ready = 0;
    el.addEventListener('ready', () => { ready += 1; });
    el.setAttribute('src', 'choice-capital.xml');
    document.querySelector('main').append(el);
    el.setAttribute('src', URL.createObjectURL(new Blob([xml], { type: 'application/xml' })));
    await el.loading;
    await new Promise((r) => setTimeout(r, 200));
    return { ready, title: el.querySelector('.qti-item-title')?.textContent, players: el.querySelectorAll('.qti-player').length };
  });
  assert.deepEqual(shown, { ready: 1, title: 'The later item', players: 1 });
  assert.deepEqual(errors, []);
});

test('mountTest(): a packaged test driven and read through the API', async () => {
  // A package of our own sample test and its items, zipped with Python.
  const { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = (await import('node:path')).default;
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const items = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../items');
  const dir = mkdtempSync(path.join(tmpdir(), 'qti-test-pkg-'));
  for (const f of ['tests/linear-basics.xml', 'qti22/choice-capital.xml', 'qti22/text-entry-sum.xml', 'qti22/inline-choice-verb.xml']) {
    mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    copyFileSync(path.join(items, f), path.join(dir, f));
  }
  writeFileSync(path.join(dir, 'imsmanifest.xml'), `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="P">
  <resources><resource identifier="T" type="imsqti_test_xmlv2p2" href="tests/linear-basics.xml"><file href="tests/linear-basics.xml"/></resource></resources></manifest>`);
  const out = path.join(dir, '..', `${path.basename(dir)}.zip`);
  const zipped = spawnSync('python3', ['-c', `
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk(sys.argv[2]):
        for f in files:
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, sys.argv[2]))
`, out, dir]);
  assert.equal(zipped.status, 0, String(zipped.stderr));
  const b64 = readFileSync(out).toString('base64');

  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate((b64) => {
    const host = document.createElement('div');
    host.id = 'test-host';
    document.querySelector('main').append(host);
    window.testLog = [];
    window.testRun = window.wasmBindings.mountTest(host, {
      package: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
      seed: 1,
      onEvent: (type, detail) => window.testLog.push(type),
    });
  }, b64);
  await page.locator('#test-host [data-choice-identifier=PARIS]').click();
  await page.locator('#test-host .qti-submit').click();
  await page.locator('#test-host .qti-next').click();
  await page.locator('#test-host .qti-text-entry').waitFor();
  const api = await page.evaluate(() => ({
    outcomes: window.testRun.getOutcomes(),
    state: window.testRun.getState(),
    result: window.testRun.getResult('qti30', { sourcedId: 'student-1' }),
    log: window.testLog,
  }));
  assert.equal(api.outcomes.SCORE, 1);
  assert.equal(api.state.progress.position, 1, 'the saved state is at the second item');
  assert.match(api.result, /<testResult identifier="linear-basics"/);
  assert.match(api.result, /<context sourcedId="student-1"/);
  for (const e of ['ready', 'responseChanged', 'attemptSubmitted', 'outcomesChanged', 'navigation', 'stateChanged']) {
    assert.ok(api.log.includes(e), `${e} in ${api.log}`);
  }
  assert.deepEqual(errors, []);
});

test('PNP display preferences: themes reach 7:1 contrast, text size and spacing apply; axe is clean in each theme at each text size', async () => {
  const { createRequire } = await import('node:module');
  const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const cases = ['default', 'blackOnWhite', 'whiteOnBlack', 'yellowOnBlue']
    .flatMap((theme) => [1, 1.5, 2, 4].map((scale) => [theme, scale]));
  for (const [theme, scale] of cases) {
    await page.evaluate(([theme, scale]) => {
      document.querySelector('#pnp-host')?.remove();
      const host = document.createElement('div');
      host.id = 'pnp-host';
      document.querySelector('main').append(host);
      window.pnpPlayer?.destroy();
      window.pnpPlayer = window.wasmBindings.mount(host, {
        xml: `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="pnp" title="PNP" adaptive="false" timeDependent="false">
          <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
          <itemBody><p>Read this sentence.</p><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Pick one</prompt>
          <simpleChoice identifier="A">First</simpleChoice><simpleChoice identifier="B">Second</simpleChoice></choiceInteraction></itemBody></assessmentItem>`,
        idPrefix: 'pnp',
        pnp: { theme, textScale: scale, lineSpacing: 2, letterSpacing: 0.12, reducedMotion: true },
      });
    }, [theme, scale]);
    await page.locator('#pnp-host .qti-item-body').waitFor();
    const m = await page.evaluate(() => {
      const root = document.querySelector('#pnp-host .qti-player');
      const p = root.querySelector('.qti-item-body p');
      const lum = (c) => {
        const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const fg = lum(getComputedStyle(p).color);
      const bg = lum(getComputedStyle(root).backgroundColor);
      const style = getComputedStyle(p);
      return {
        ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
        fontSize: parseFloat(style.fontSize),
        lineHeight: parseFloat(style.lineHeight),
        classes: root.className,
      };
    });
    if (theme !== 'default') assert.ok(m.ratio >= 7, `${theme}: contrast ${m.ratio.toFixed(2)} is at least 7:1`);
    assert.ok(Math.abs(m.fontSize - 16 * scale) < 0.5, `${theme}: text at ${scale * 100}% (${m.fontSize}px)`);
    assert.ok(Math.abs(m.lineHeight - 2 * m.fontSize) < 1, `${theme}: line spacing 2 (${m.lineHeight}px)`);
    assert.match(m.classes, /qti-reduced-motion/);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run('#pnp-host', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe in theme ${theme} at ${scale * 100}%`);
  }
  const bad = await page.evaluate(() => {
    try { window.wasmBindings.mount(document.createElement('div'), { xml: '<x/>', pnp: { theme: 'purple' } }); } catch (e) { return String(e.message ?? e); }
    return null;
  });
  assert.match(bad ?? '', /PNP|not a QTI|root/, 'a wrong profile or item is a clear error');
  assert.deepEqual(errors, []);
});

test('QTI 3 catalog: glossary and key-word translation open by keyboard when the PNP asks', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const mountWith = (pnp) => page.evaluate((pnp) => {
    document.querySelector('#cat-host')?.remove();
    const host = document.createElement('div');
    host.id = 'cat-host';
    document.querySelector('main').append(host);
    window.catPlayer?.destroy();
    window.catPlayer = window.wasmBindings.mount(host, {
      idPrefix: 'cat',
      pnp,
      xml: `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="cat" title="Catalog" adaptive="false" time-dependent="false">
        <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>
        <qti-item-body><p>Which word is a <span data-catalog-idref="kigo">kigo</span>?</p></qti-item-body>
        <qti-catalog-info><qti-catalog id="kigo">
          <qti-card support="glossary-on-screen"><qti-html-content><p>A word that names a season.</p></qti-html-content></qti-card>
          <qti-card support="keyword-translation">
            <qti-card-entry xml:lang="es"><qti-html-content><p>Palabra de estación.</p></qti-html-content></qti-card-entry>
            <qti-card-entry xml:lang="fr"><qti-html-content><p>Mot de saison.</p></qti-html-content></qti-card-entry>
          </qti-card>
        </qti-catalog></qti-catalog-info>
      </qti-assessment-item>`,
    });
  }, pnp);
  await mountWith({});
  await page.locator('#cat-host .qti-item-body').waitFor();
  assert.equal(await page.locator('#cat-host .qti-catalog-button').count(), 0, 'no supports unless the profile asks');

  await mountWith({ glossary: true, keywordTranslation: 'fr' });
  const buttons = page.locator('#cat-host .qti-catalog-button');
  await buttons.first().waitFor();
  assert.deepEqual(await buttons.allTextContents(), ['Glossary', 'Translation']);
  await buttons.first().focus();
  await page.keyboard.press('Enter');
  const popup = page.locator('#cat-host .qti-catalog-popup');
  await popup.waitFor();
  assert.match(await popup.textContent(), /names a season/);
  assert.equal(await buttons.first().getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await popup.count(), 0, 'Escape closes the glossary');
  await buttons.nth(1).focus();
  await page.keyboard.press('Space');
  assert.match(await page.locator('#cat-host .qti-catalog-popup').textContent(), /Mot de saison/);
  assert.deepEqual(errors, []);
});

test('PNP spoken: "Read aloud" hands the item text to the speech API', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate(() => {
    // Record what would be spoken instead of speaking.
    window.spoken = [];
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: { cancel() {}, speak(u) { window.spoken.push({ text: u.text, lang: u.lang }); } },
    });
    const host = document.createElement('div');
    host.id = 'tts-host';
    document.querySelector('main').append(host);
    window.wasmBindings.mount(host, {
      idPrefix: 'tts',
      pnp: { spoken: true },
      xml: `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="tts" title="Seasons" adaptive="false" timeDependent="false" xml:lang="en">
        <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
        <itemBody><p>Which season comes after winter?</p><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
        <simpleChoice identifier="A">Spring</simpleChoice><simpleChoice identifier="B">Autumn</simpleChoice></choiceInteraction></itemBody></assessmentItem>`,
    });
  });
  const button = page.locator('#tts-host .qti-read-aloud');
  await button.focus();
  await page.keyboard.press('Enter');
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken.length, 1);
  assert.match(spoken[0].text, /^Seasons\. .*Which season comes after winter\?.*Spring.*Autumn/);
  assert.equal(spoken[0].lang, 'en');
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal((await button.textContent()).trim(), 'Stop reading');
  assert.deepEqual(errors, []);
});

test('PNP answer masking: options stay covered until uncovered, one by one', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'mask-host';
    document.querySelector('main').append(host);
    window.maskPlayer = window.wasmBindings.mount(host, {
      idPrefix: 'mask',
      pnp: { answerMasking: true },
      xml: `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="mask" title="Mask" adaptive="false" timeDependent="false">
        <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>B</value></correctResponse></responseDeclaration>
        <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
        <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Which is a vowel?</prompt>
        <simpleChoice identifier="A">Letter b</simpleChoice><simpleChoice identifier="B">Letter e</simpleChoice></choiceInteraction></itemBody>
        <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/></assessmentItem>`,
    });
  });
  const host = page.locator('#mask-host');
  await host.locator('.qti-item-body').waitFor();
  assert.doesNotMatch(await host.locator('.qti-choice-list').textContent(), /Letter/, 'options covered');
  await host.locator('.qti-unmask').nth(1).focus();
  await page.keyboard.press('Enter');
  assert.match(await host.locator('.qti-choice-list').textContent(), /Letter e/);
  assert.doesNotMatch(await host.locator('.qti-choice-list').textContent(), /Letter b/, 'only the uncovered one shows');
  await host.locator('[data-choice-identifier=B]').check();
  assert.equal(await submittedScore(page, 'maskPlayer'), 1);
  assert.deepEqual(errors, []);
});

test('mountUrl(): an item fetched from a URL, and a clear rejection for a missing one', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const result = await page.evaluate(async () => {
    const host = document.createElement('div');
    host.id = 'url-host';
    document.querySelector('main').append(host);
    const player = await window.wasmBindings.mountUrl(host, 'choice-capital.xml', { seed: 1, idPrefix: 'url' });
    let missing = null;
    try { await window.wasmBindings.mountUrl(document.createElement('div'), 'nothing-here.xml', {}); } catch (e) { missing = String(e.message ?? e); }
    return { hasBody: !!host.querySelector('.qti-item-body'), missing, ok: typeof player.submit === 'function' };
  });
  await page.locator('#url-host .qti-item-body').waitFor();
  assert.equal(result.ok, true);
  assert.match(result.missing, /nothing-here\.xml: HTTP 404/);
  assert.ok(errors.every((e) => /404/.test(e)), String(errors));
});

test('destroying players frees their memory: mount/destroy cycles do not grow the wasm heap', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const sizes = await page.evaluate(async () => {
    const xml = await (await fetch('choice-capital.xml')).text();
    const host = document.createElement('div');
    document.querySelector('main').append(host);
    const cycle = async (n) => {
      for (let i = 0; i < n; i++) {
        const p = window.wasmBindings.mount(host, { xml, idPrefix: `leak${i}`, seed: i });
        await new Promise((r) => setTimeout(r, 0));
        p.setResponse('RESPONSE', 'PARIS');
        p.submit();
        await new Promise((r) => setTimeout(r, 0));
        p.destroy();
        host.replaceChildren();
      }
      return window.wasmBindings.wasmMemoryBytes();
    };
    const warm = await cycle(40);
    const after = await cycle(300);
    return { warm, after };
  });
  // 300 more players (each reads, renders and scores the item): a leak of
  // even a few kB each would show; pages of 64 kB may still be added by
  // fragmentation.
  assert.ok(sizes.after - sizes.warm <= 1024 * 1024,
    `memory grew by ${sizes.after - sizes.warm} bytes over 300 mount/destroy cycles (${JSON.stringify(sizes)})`);
  assert.deepEqual(errors, []);
});

test('locale: the player speaks Spanish or French (buttons, hints, validation, test runner); the item keeps its words', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'es-host';
    document.querySelector('main').append(host);
    window.esPlayer = window.wasmBindings.mount(host, {
      idPrefix: 'es', locale: 'es-MX', validateResponses: true,
      xml: `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="es" title="Primos" adaptive="false" timeDependent="false">
        <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier"/>
        <itemBody><choiceInteraction responseIdentifier="RESPONSE" minChoices="2" maxChoices="3"><prompt>Which are prime?</prompt>
        <simpleChoice identifier="A">2</simpleChoice><simpleChoice identifier="B">4</simpleChoice><simpleChoice identifier="C">5</simpleChoice></choiceInteraction></itemBody></assessmentItem>`,
    });
  });
  const host = page.locator('#es-host');
  await host.locator('.qti-item-body').waitFor();
  assert.match(await host.locator('.qti-choice-interaction').textContent(), /Elige entre 2 y 3 \(respuestas\)\./);
  assert.match(await host.locator('.qti-prompt').textContent(), /Which are prime\?/, 'item content is not translated');
  await host.getByRole('button', { name: 'Enviar' }).click();
  await host.locator('.qti-validation-message', { hasText: 'Selecciona al menos 2 (opciones).' }).waitFor();
  assert.match(await host.locator('.qti-status').textContent(), /No enviado: 1 respuesta requiere atención\./);
  // The player's words are marked as Spanish; the item (no xml:lang) has no
  // language of its own to mark.
  assert.equal(await host.locator('.qti-player').getAttribute('lang'), 'es');
  assert.equal(await host.locator('.qti-hint').evaluate((e) => e.closest('[lang]').lang), 'es');

  // The test runner in French (a compact test: its items inside the references).
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'fr-host';
    document.querySelector('main').append(host);
    const ref = (id) => `<assessmentItemRef identifier="${id}" href="${id}.xml">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/></assessmentItemRef>`;
    window.wasmBindings.mountTest(host, {
      locale: 'fr', idPrefix: 'fr',
      xml: `<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="T" title="Test">
        <testPart identifier="P" navigationMode="nonlinear" submissionMode="individual">
        <assessmentSection identifier="S" title="S" visible="true">${ref('Q1')}${ref('Q2')}</assessmentSection></testPart></assessmentTest>`,
    });
  });
  const fr = page.locator('#fr-host');
  await fr.locator('.qti-test-progress').waitFor();
  assert.equal((await fr.locator('.qti-test-progress').textContent()).trim(), 'Question 1 sur 2');
  for (const name of ['Valider la réponse', 'Précédente', 'Marquer pour relecture', 'Suivante', 'Pause', 'Relire et terminer le test']) {
    assert.equal(await fr.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.match(await fr.locator('.qti-question-map button').first().getAttribute('aria-label'), /^Question 1, sans réponse$/);
  await fr.getByRole('button', { name: 'Relire et terminer le test' }).click();
  assert.equal((await fr.locator('h2').textContent()).trim(), 'Relisez vos réponses');

  // A language the player does not speak is a clear error.
  const refused = await page.evaluate(() => {
    try { window.wasmBindings.mount(document.createElement('div'), { xml: '<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title="x" adaptive="false" timeDependent="false"/>', locale: 'tlh' }); } catch (e) { return String(e.message ?? e); }
    return 'mounted';
  });
  assert.match(refused, /locale 'tlh' is not one the player speaks \(en, es, fr\)/);
  assert.deepEqual(errors, []);
});

test('PNP additional testing time stretches the test timer (AfA XML time-multiplier)', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const mount = (id, pnp) => page.evaluate(({ id, pnp }) => {
    const host = document.createElement('div');
    host.id = id;
    document.querySelector('main').append(host);
    window.wasmBindings.mountTest(host, {
      idPrefix: id, pnp,
      xml: `<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="T" title="Timed">
        <testPart identifier="P" navigationMode="nonlinear" submissionMode="individual"><timeLimits maxTime="600"/>
        <assessmentSection identifier="S" title="S" visible="true">
          <assessmentItemRef identifier="Q1" href="Q1.xml"><responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/></assessmentItemRef>
        </assessmentSection></testPart></assessmentTest>`,
    });
  }, { id, pnp });
  await mount('plain', undefined);
  await mount('longer', `<access-for-all-pnp><additional-testing-time><time-multiplier>1.5</time-multiplier></additional-testing-time></access-for-all-pnp>`);
  await mount('unlimited', { extraTime: 'unlimited' });
  await page.locator('#plain .qti-timer').waitFor();
  assert.match(await page.locator('#plain .qti-timer').textContent(), /Time left (10:00|9:5\d)/);
  assert.match(await page.locator('#longer .qti-timer').textContent(), /Time left (15:00|14:5\d)/, 'time and a half');
  await page.locator('#unlimited .qti-test-progress').waitFor();
  assert.equal(await page.locator('#unlimited .qti-timer').count(), 0, 'no limit, no timer');
  assert.deepEqual(errors, []);
});

test('PCI through the host module resolver (pciModules); a PCI with no module gets a notice', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const pci = (module, modules) => `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="p" title="PCI" adaptive="false" time-dependent="false">
    <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="integer"/>
    <qti-item-body><qti-portable-custom-interaction response-identifier="RESPONSE" custom-interaction-type-identifier="urn:example:likert" module="${module}" data-scale="3">
      ${modules}<qti-interaction-markup><div class="likert">Rate it</div></qti-interaction-markup>
    </qti-portable-custom-interaction></qti-item-body></qti-assessment-item>`;
  await page.evaluate(({ a, b }) => {
    for (const [id, xml, options] of [['resolved', a, { pciModules: { rating: '../items/qti30/modules/likert.js' } }], ['missing', b, {}]]) {
      const host = document.createElement('div');
      host.id = id;
      document.querySelector('main').append(host);
      window[id] = window.wasmBindings.mount(host, { xml, idPrefix: id, ...options });
    }
  }, { a: pci('rating', ''), b: pci('', '') });
  const frame = page.frameLocator('#resolved .qti-pci-frame');
  await frame.locator('input[value="3"]').waitFor();
  assert.equal(await frame.locator('input[type=radio]').count(), 3);
  await frame.locator('input[value="3"]').click();
  await page.waitForFunction(() => window.resolved.getResponses().RESPONSE === 3);
  assert.match(await page.locator('#missing .qti-portable-custom-interaction').textContent(), /cannot load: no module resolver was provided/);
  assert.deepEqual(errors, []);
});

test('a PCI\'s own state (getState) is kept with the session and given back on restore', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const xml = `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="p" title="PCI" adaptive="false" time-dependent="false">
    <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="integer"/>
    <qti-item-body><qti-portable-custom-interaction response-identifier="RESPONSE" custom-interaction-type-identifier="urn:example:likert" module="rating" data-scale="5">
      <qti-interaction-markup><div class="likert">Rate it</div></qti-interaction-markup>
    </qti-portable-custom-interaction></qti-item-body></qti-assessment-item>`;
  const mount = (id, state) => page.evaluate(({ id, xml, state }) => {
    const host = document.createElement('div');
    host.id = id;
    document.querySelector('main').append(host);
    window[id] = window.wasmBindings.mount(host, { xml, idPrefix: id, state, pciModules: { rating: '../items/qti30/modules/likert.js' } });
  }, { id, xml, state });
  await mount('first', undefined);
  const first = page.frameLocator('#first .qti-pci-frame');
  await first.locator('input[value="2"]').click();
  await first.locator('input[value="4"]').click();
  await page.waitForFunction(() => window.first.getState()?.interaction_states?.RESPONSE?.includes('"changes":2'));
  const saved = await page.evaluate(() => window.first.getState());
  // A new player restored from the saved session: the PCI gets its state back.
  await mount('second', saved);
  const second = page.frameLocator('#second .qti-pci-frame');
  await second.locator('.likert-changes').filter({ hasText: 'Changed 2 time(s)' }).waitFor();
  assert.equal(await second.locator('input[value="4"]').isChecked(), true, 'the response came back too');
  await second.locator('input[value="5"]').click();
  await second.locator('.likert-changes').filter({ hasText: 'Changed 3 time(s)' }).waitFor();
  assert.deepEqual(errors, []);
});

test('a PCI\'s module may depend on the item\'s other interaction modules (AMD), in any order', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate(() => {
    const url = (code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    // The primary module needs 'words' (anonymous define), which needs 'tools' (named define).
    const modules = {
      picker: url(`define(['qtiCustomInteractionContext', 'words'], function (ctx, words) {
        ctx.register({ typeIdentifier: 'urn:example:picker', getInstance: function (dom, config) {
          var value = null;
          words.list.forEach(function (w) {
            var b = document.createElement('button'); b.textContent = w; b.type = 'button';
            b.addEventListener('click', function () { value = w; });
            dom.appendChild(b);
          });
          var i = { getResponse: function () { return { base: value === null ? null : { identifier: value } }; },
                    getState: function () { return null; } };
          config.onready(i); return i; } }); });`),
      words: url(`define(['tools'], function (tools) { return { list: tools.upper(['alpha', 'beta']) }; });`),
      tools: url(`define('tools', [], function () { return { upper: function (l) { return l.map(function (w) { return w.toUpperCase(); }); } }; });`),
    };
    const host = document.createElement('div');
    host.id = 'deps';
    document.querySelector('main').append(host);
    window.deps = window.wasmBindings.mount(host, {
      idPrefix: 'deps',
      pciModules: modules,
      xml: `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="d" title="Deps" adaptive="false" time-dependent="false">
        <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>
        <qti-item-body><qti-portable-custom-interaction response-identifier="RESPONSE" custom-interaction-type-identifier="urn:example:picker" module="picker">
          <qti-interaction-modules>
            <qti-interaction-module id="picker" primary-path="modules/picker.js"/>
            <qti-interaction-module id="words" primary-path="modules/words.js"/>
            <qti-interaction-module id="tools" primary-path="modules/tools.js"/>
          </qti-interaction-modules>
          <qti-interaction-markup><div>Pick a word</div></qti-interaction-markup>
        </qti-portable-custom-interaction></qti-item-body></qti-assessment-item>`,
    });
  });
  const frame = page.frameLocator('#deps .qti-pci-frame');
  await frame.getByRole('button', { name: 'BETA' }).click();
  await page.waitForFunction(() => window.deps.getResponses().RESPONSE === 'BETA');
  assert.deepEqual(errors, []);
});

test('<qti-player> plays a test too: a compact test XML gets the test runner', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate(() => {
    const ref = (id) => `<assessmentItemRef identifier="${id}" href="${id}.xml">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/></assessmentItemRef>`;
    const xml = `<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="T" title="Element test">
      <testPart identifier="P" navigationMode="linear" submissionMode="individual">
      <assessmentSection identifier="S" title="S" visible="true">${ref('Q1')}${ref('Q2')}</assessmentSection></testPart></assessmentTest>`;
    const el = document.createElement('qti-player');
    el.id = 'element-test';
    el.setAttribute('src', URL.createObjectURL(new Blob([xml], { type: 'application/xml' })));
    window.elementEvents = [];
    el.addEventListener('ready', () => window.elementEvents.push('ready'));
    document.querySelector('main').append(el);
  });
  const el = page.locator('#element-test');
  await el.locator('.qti-test-progress').waitFor();
  assert.equal((await el.locator('.qti-test-progress').textContent()).trim(), 'Question 1 of 2');
  assert.match(await el.locator('.qti-test-title').textContent(), /Element test/);
  await page.waitForFunction(() => window.elementEvents.includes('ready'));
  assert.deepEqual(errors, []);
});

test('qti-choices-left/right/top/bottom place the choices of a gapMatch and a graphicGapMatch around their text or picture', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  const { readFileSync } = await import('node:fs');
  const sample = (name) => readFileSync(new URL(`../../items/qti22/${name}`, import.meta.url), 'utf8');
  const kinds = [
    { xml: sample('graphic-gap-match-camp.xml'), tag: 'graphicGapMatchInteraction', content: '.qti-graphic' },
    { xml: sample('gap-match-seasons.xml'), tag: 'gapMatchInteraction', content: '.qti-gap-text' },
  ];
  for (const { xml: original, tag, content } of kinds) {
    for (const place of ['left', 'right', 'top', 'bottom']) {
      const xml = original.replace(`<${tag} `, `<${tag} class="qti-choices-${place}" `);
      const { prompt, choices, filled } = await page.evaluate(async ({ xml, place, content }) => {
        const host = document.createElement('div');
        document.querySelector('main').append(host);
        const player = window.wasmBindings.mount(host, { xml, baseUrl: '/items/qti22/x.xml', idPrefix: `cp-${place}` });
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        await Promise.all([...host.querySelectorAll('img')].map((i) => i.complete || new Promise((r) => { i.onload = i.onerror = r; })));
        const box = (selector) => host.querySelector(selector).getBoundingClientRect().toJSON();
        const out = { prompt: box('.qti-prompt'), choices: box('.qti-gap-choices'), filled: box(content) };
        player.destroy();
        host.remove();
        return out;
      }, { xml, place, content });
      const where = {
        left: choices.right <= filled.left && choices.top < filled.bottom,
        right: choices.left >= filled.right && choices.top < filled.bottom,
        top: choices.bottom <= filled.top,
        bottom: choices.top >= filled.bottom,
      }[place];
      assert.ok(where, `${tag} qti-choices-${place}: choices ${JSON.stringify(choices)}, ${content} ${JSON.stringify(filled)}`);
      assert.ok(prompt.bottom <= Math.min(choices.top, filled.top), `${tag} qti-choices-${place}: the prompt stays above`);
    }
  }
  assert.deepEqual(errors, []);
});
