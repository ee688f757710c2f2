// Accessibility supports beyond WCAG, in the preview studio and through the
// embedding API: QTI 3 companion materials (calculator, rule, protractor,
// reference), the line reader, catalog cards for sign language and braille,
// spoken pronunciations, and a candidate profile given as AfA PNP XML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start, openPage } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function axe(page, selector, state) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (selector) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(selector, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
  assert.deepEqual(violations, [], `axe (${state})`);
}

test('companion materials: calculator, rule, protractor and reference, all by keyboard', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti30/companion-tools.xml`);
  const tools = page.locator('.qti-tools');
  await tools.waitFor();
  assert.deepEqual(
    (await tools.locator('.qti-tool-button').allTextContents()).map((t) => t.trim()),
    ['Calculator (scientific)', 'Rule', 'Protractor', 'Reference: area-formulas.html'],
  );
  const reference = tools.locator('a.qti-tool-button');
  const href = await reference.evaluate((a) => a.href);
  assert.match(href, /\/items\/reference\/area-formulas\.html$/);
  const res = await page.evaluate(async (href) => (await fetch(href)).status, href);
  assert.equal(res, 200, 'the reference file is served');

  // Calculator: opened by keyboard, typed into, Enter evaluates; keys work too.
  const calcButton = tools.getByRole('button', { name: 'Calculator (scientific)' });
  await calcButton.focus();
  await page.keyboard.press('Enter');
  assert.equal(await calcButton.getAttribute('aria-pressed'), 'true');
  const calc = page.getByRole('dialog', { name: 'Calculator (scientific)' });
  const input = calc.getByRole('textbox', { name: 'Expression' });
  await input.focus();
  await page.keyboard.type('7.5*4.2');
  await page.keyboard.press('Enter');
  assert.equal((await calc.locator('output').textContent()).trim(), '= 31.5');
  await calc.getByRole('button', { name: 'delete' }).click();
  await calc.getByRole('button', { name: 'plus' }).click();
  await calc.getByRole('button', { name: 'sin', exact: true }).click();
  for (const k of ['3', '0']) await calc.getByRole('button', { name: k, exact: true }).click();
  await page.keyboard.type(')');
  await calc.getByRole('button', { name: 'equals' }).click();
  assert.equal(await input.inputValue(), '7.5*4.+sin(30)');
  assert.equal((await calc.locator('output').textContent()).trim(), '= 30.5', '7.5 × 4 + sin 30° = 30.5');
  await input.fill('1/0');
  await page.keyboard.press('Enter');
  assert.equal((await calc.locator('output').textContent()).trim(), 'Cannot divide by zero');
  await axe(page, '.qti-player', 'calculator open');
  // axe skips labels that are a single symbol (=, ÷, √): their contrast
  // is measured here, 4.5:1 at least.
  const faint = await calc.evaluate((dialog) => {
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, b] = rgb(c).map((x) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return [...dialog.querySelectorAll('button')].flatMap((key) => {
      const s = getComputedStyle(key);
      const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      return ratio < 4.5 ? [`${key.textContent} ${ratio.toFixed(2)}:1`] : [];
    });
  });
  assert.deepEqual(faint, [], 'calculator keys below 4.5:1');
  await page.keyboard.press('Escape');
  assert.equal(await calc.count(), 0, 'Escape closes the calculator');

  // The answer typed from the calculator scores like any other.
  await page.locator('[data-response-identifier=AREA] input').fill('31.5');

  // Rule: to scale (6 cm = 226.77 px), moved and turned by keyboard.
  await tools.getByRole('button', { name: 'Rule' }).click();
  const rule = page.locator('.qti-rule');
  await rule.waitFor();
  assert.match(await rule.getAttribute('aria-label'), /^Rule, 15 cm\. Arrow keys move it/);
  const ticks = await rule.evaluate((r) => {
    const labels = [...r.querySelectorAll('text')];
    const at = (n) => Number(labels.find((t) => t.textContent === String(n)).getAttribute('x'));
    return { zero: at(0), six: at(6) };
  });
  assert.ok(Math.abs(ticks.six - ticks.zero - 226.77) < 0.05, `6 cm is 226.77 px (${ticks.six - ticks.zero})`);
  const before = await rule.boundingBox();
  await rule.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  const after = await rule.boundingBox();
  assert.ok(Math.abs(after.x - before.x - 10) < 0.5 && Math.abs(after.y - before.y - 1) < 0.5, 'moved 10 px right, 1 px down');
  await page.keyboard.press('r');
  assert.equal(await rule.getAttribute('data-angle'), '15');
  // Dragging moves it too.
  const box = await rule.boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 50, cy + 40, { steps: 4 });
  await page.mouse.up();
  const dragged = await rule.boundingBox();
  assert.ok(Math.abs(dragged.x - box.x - 50) < 2 && Math.abs(dragged.y - box.y - 40) < 2,
    `dragged by (50, 40): ${JSON.stringify([box, dragged])}`);

  // Protractor: 181 degree ticks, labels every 10°.
  // The rule now lies over the toolbar: the keyboard still reaches the
  // buttons. Escape puts the rule away.
  await rule.focus();
  await page.keyboard.press('Escape');
  assert.equal(await rule.count(), 0);
  await tools.getByRole('button', { name: 'Protractor' }).focus();
  await page.keyboard.press('Enter');
  const protractor = page.locator('.qti-protractor');
  assert.equal(await protractor.locator('line.qti-tool-tick').count(), 182);
  assert.equal(await protractor.locator('text').count(), 19);
  await axe(page, '.qti-player', 'protractor out');
  await protractor.focus();
  await page.keyboard.press('Escape');
  assert.equal(await protractor.count(), 0, 'Escape puts the protractor away');

  await page.locator('[data-response-identifier=LENGTH] input').fill('6');
  await page.locator('[data-response-identifier=ANGLE] input').fill('60');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForFunction(() => document.querySelector('[data-outcome="SCORE"]')?.textContent.trim() === '3');
  assert.deepEqual(errors, []);
});

test('catalog supports from the studio: sign language and braille cards, spoken pronunciation, line reader', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/item/qti30/catalog-photosynthesis.xml`);
  await page.locator('.qti-item-body').waitFor();
  assert.equal(await page.locator('.qti-catalog-button').count(), 0, 'no supports until asked');
  // The hint hidden by access rules appears with linguistic guidance only.
  const hint = page.locator('.qti-guidance');
  assert.equal(await hint.count(), 0);
  assert.equal(await page.locator('.qti-item-body .qti-hidden').isVisible(), false);
  await page.locator('.studio-pnp-guidance input').check();
  await hint.waitFor();
  assert.match(await hint.textContent(), /"need" means "must have"/);
  await page.locator('.studio-pnp-guidance input').uncheck();
  await hint.waitFor({ state: 'detached' });
  for (const cls of ['glossary', 'sign', 'braille', 'spoken', 'line-reader']) {
    await page.locator(`.studio-pnp-${cls} input`).check();
  }
  await page.selectOption('.studio-pnp-translation', 'es');
  const buttons = page.locator('.qti-catalog-button');
  await buttons.first().waitFor();
  assert.deepEqual(await buttons.allTextContents(), ['Glossary', 'Translation', 'Sign language', 'Braille']);
  await buttons.nth(2).focus();
  await page.keyboard.press('Enter');
  const sign = page.locator('.qti-catalog-popup img');
  await sign.waitFor();
  assert.match(await sign.getAttribute('alt'), /ASL sign for photosynthesis/);
  assert.match(await sign.evaluate((i) => i.src), /\/items\/images\/sign-photosynthesis\.svg$/);
  await page.waitForFunction(() => document.querySelector('.qti-catalog-popup img').naturalWidth > 0);
  await page.keyboard.press('Escape');
  await buttons.nth(3).click();
  assert.match(await page.locator('.qti-catalog-popup').textContent(), /⠏⠓⠕⠞⠕⠎⠽⠝⠞⠓⠑⠎⠊⠎/);
  await buttons.nth(1).click();
  assert.equal(await page.locator('.qti-catalog-popup').filter({ hasText: 'fotosíntesis' }).count(), 1);

  // Read aloud uses the catalog's pronunciation and skips suppressed text.
  await page.evaluate(() => {
    window.spoken = [];
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: { cancel() {}, speak(u) { window.spoken.push(u.text); window.utterance = u; } },
    });
  });
  await page.locator('.qti-read-aloud').click();
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken.length, 1);
  assert.match(spoken[0], /food by foe-toe-SIN-thuh-sis\./);
  assert.doesNotMatch(spoken[0], /Reading aid/);
  // Highlighting: as the speech reaches a word, the sentence is shown with
  // that word marked; at the end the caption goes and the button resets.
  await page.evaluate(() => {
    const u = window.utterance;
    const at = u.text.indexOf('foe-toe');
    u.dispatchEvent(new SpeechSynthesisEvent('boundary', { utterance: u, charIndex: at, charLength: 7, name: 'word' }));
  });
  const caption = page.locator('.qti-reading-caption');
  await caption.waitFor();
  assert.equal(await caption.locator('mark').textContent(), 'foe-toe-SIN-thuh-sis.');
  assert.match(await caption.textContent(), /^Green plants make their food by foe-toe-SIN-thuh-sis\.$/);
  assert.equal(await caption.getAttribute('aria-hidden'), 'true');
  await page.evaluate(() => window.utterance.dispatchEvent(new SpeechSynthesisEvent('end', { utterance: window.utterance })));
  await caption.waitFor({ state: 'detached' });
  assert.equal((await page.locator('.qti-read-aloud').textContent()).trim(), 'Read aloud');

  // Line reader: a window over the item, moved a line at a time.
  await page.locator('.qti-tools').getByRole('button', { name: 'Line reader' }).click();
  const handle = page.getByRole('slider', { name: /Line reader/ });
  await handle.focus();
  const top = () => page.locator('.qti-line-reader-window').evaluate((w) => w.style.top);
  assert.equal(await top(), '0px');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await top(), '48px');
  assert.equal(await handle.getAttribute('aria-valuetext'), 'line 3');
  await page.keyboard.press('+');
  assert.equal(await page.locator('.qti-line-reader-window').evaluate((w) => w.style.height), '72px');
  const grip = await handle.boundingBox();
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2 + 30, { steps: 3 });
  await page.mouse.up();
  assert.equal(await top(), '78px', 'dragged down by 30 px');
  // The shading lets clicks through: the item can still be answered.
  await page.locator('[data-choice-identifier=LIGHT]').click();
  assert.equal(await page.locator('[data-choice-identifier=LIGHT]').isChecked(), true);
  await axe(page, '.qti-player', 'supports open');
  await handle.focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.qti-line-reader').count(), 0);
  assert.deepEqual(errors, []);
});

test('a candidate profile given as QTI 3 AfA PNP XML turns the supports on', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/embed/index.html`);
  await page.waitForFunction(() => window.wasmBindings && window.demoPlayer);
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'afa-host';
    document.querySelector('main').append(host);
    window.wasmBindings.mount(host, {
      idPrefix: 'afa',
      pnp: `<access-for-all-pnp xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imsafa3p0pnp_v1p0">
        <glossary-on-screen/><keyword-translation xml:lang="fr"/><line-reader/>
        <text-appearance><color-theme>yellow-blue</color-theme></text-appearance>
        <magnification><all-content zoom-amount="1.5"/></magnification>
        <calculator-on-screen/><linguistic-guidance/><sign-language xml:lang="bfi"/><prohibit-set><calculator-on-screen/></prohibit-set>
      </access-for-all-pnp>`,
      xml: window.afaXml = `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="afa" title="AfA" adaptive="false" time-dependent="false">
        <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>
        <qti-companion-materials-info><qti-calculator><qti-calculator-type>basic</qti-calculator-type></qti-calculator></qti-companion-materials-info>
        <qti-item-body><p>A <span data-catalog-idref="w">word</span>.</p>
          <p class="qti-hidden" data-catalog-idref="g" id="afa-guide">Guidance</p>
          <p class="qti-hidden" data-catalog-idref="s" id="afa-simple">Simpler</p></qti-item-body>
        <qti-catalog-info><qti-catalog id="w">
          <qti-card support="glossary-on-screen"><qti-html-content>Something said.</qti-html-content></qti-card>
          <qti-card support="keyword-translation"><qti-card-entry xml:lang="fr"><qti-html-content>mot</qti-html-content></qti-card-entry></qti-card>
          <qti-card support="sign-language"><qti-card-entry xml:lang="bfi"><qti-file-href mime-type="image/svg+xml">../items/images/sign-photosynthesis.svg</qti-file-href></qti-card-entry></qti-card>
        </qti-catalog>
        <qti-catalog id="g"><qti-card support="linguistic-guidance"><qti-html-content>A word is a unit of language.</qti-html-content></qti-card></qti-catalog>
        <qti-catalog id="s"><qti-card support="simplified-language"><qti-html-content>Easy words.</qti-html-content></qti-card></qti-catalog>
        </qti-catalog-info>
      </qti-assessment-item>`,
    });
  });
  const host = page.locator('#afa-host');
  await host.locator('.qti-item-body').waitFor();
  assert.match(await host.locator('.qti-player').getAttribute('class'), /qti-theme-yellow-on-blue/);
  assert.deepEqual(await host.locator('.qti-catalog-button').allTextContents(), ['Glossary', 'Translation', 'Sign language']);
  assert.deepEqual(
    (await host.locator('.qti-tool-button').allTextContents()).map((t) => t.trim()),
    ['Line reader'],
    'the prohibited calculator is not offered',
  );
  // Content hidden by access rules: the profile's linguistic guidance shows
  // its card; the simplified language it does not use stays hidden.
  const guide = host.locator('[data-qti-support="linguistic-guidance"]');
  assert.ok(await guide.isVisible());
  assert.equal((await guide.textContent()).trim(), 'A word is a unit of language.');
  assert.equal(await host.locator('[data-qti-support="simplified-language"]').count(), 0);
  assert.equal(await host.locator('.qti-hidden').count(), 1);
  assert.equal(await host.locator('.qti-hidden').isVisible(), false);
  // A card given as a file (qti-file-href): shown as its type says, named by its support.
  await host.locator('.qti-catalog-button').nth(2).click();
  const signed = host.locator('.qti-catalog-popup img');
  await signed.waitFor();
  assert.equal(await signed.getAttribute('alt'), 'Sign language');
  assert.match(await signed.evaluate((i) => i.src), /\/items\/images\/sign-photosynthesis\.svg$/);
  await page.waitForFunction(() => [...document.querySelectorAll('#afa-host img')].some((i) => i.naturalWidth > 0));
  const bad = await page.evaluate(() => {
    try {
      window.wasmBindings.mount(document.createElement('div'), { xml: window.afaXml, pnp: '<!DOCTYPE p [<!ENTITY a "b">]><access-for-all-pnp/>' });
    } catch (e) { return String(e.message ?? e); }
    return 'accepted';
  });
  assert.match(bad, /PNP profile cannot be read/);
  assert.deepEqual(errors, []);
});
