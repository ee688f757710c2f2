// WCAG 2.1 A and AA criteria that axe-core cannot check, measured here.
//
// 1.4.10 Reflow: at 320 CSS pixels wide (a phone, or a 1280-pixel screen
// zoomed to 400%) content reads without scrolling sideways: the page does
// not scroll horizontally, and nothing inside the player reaches past its
// right edge except inside a box that scrolls on its own (the criterion's
// exception for two-dimensional content such as the match grid).
//
// 1.4.12 Text spacing: with the criterion's spacing forced on every element
// (line height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em),
// no text is cut off; nor (1.4.4) with the player's text at 200%.
//
// 1.4.11 Non-text contrast: in every theme, each control the player draws
// itself is told from what is around it, by its border or its own
// background, at 3:1 or more; and (1.4.3) button text reaches 4.5:1 where
// axe cannot tell (a ::before mark, a one-symbol label).
//
// 2.1.2 No keyboard trap and 2.4.7 Focus visible: Tab walks through every
// sample item and test and out of it, Shift+Tab walks back the same way,
// and every stop shows a focus indicator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './harness.mjs';

const NARROW = { width: 320, height: 640 };

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** What sticks out sideways on the page as it is now. */
function overflow(page) {
  return page.evaluate(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page scrolls sideways (${root.scrollWidth} px)`);
    const scrollsOnItsOwn = (e, stop) => {
      for (let a = e.parentElement; a && a !== stop; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    for (const player of document.querySelectorAll('.qti-player')) {
      const edge = player.getBoundingClientRect().right;
      for (const e of player.querySelectorAll('*')) {
        const box = e.getBoundingClientRect();
        if (box.width > 0 && box.right > edge + 1 && !scrollsOnItsOwn(e, player)) {
          found.push(`${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')} ends ${Math.round(box.right - edge)} px past the player`);
        }
      }
    }
    return found;
  });
}

/** The studio's sample items, as listed in its gallery. */
async function sampleItems() {
  const { page } = await openPage(env.browser, `${env.base}/`);
  const samples = await page.locator('.studio-gallery a').allTextContents();
  await page.close();
  assert.ok(samples.length >= 30, `sample items listed: ${samples.length}`);
  return samples;
}

/** Show a sample item on `page`, freshly loaded: moving between items by
 * their hash alone would keep the previous item's DOM until Yew renders
 * the next one, and a check could read the wrong item. */
async function showSample(page, sample) {
  await page.goto('about:blank');
  await page.goto(`${env.base}/#/item/${sample}`);
  await page.locator('.qti-item-body').waitFor();
  // Images and media take their size once loaded.
  await page.waitForLoadState('load');
}

async function narrowPage(url) {
  const { page, errors } = await openPage(env.browser, 'about:blank');
  await page.setViewportSize(NARROW);
  await page.goto(url);
  return { page, errors };
}

test('every sample item reflows at 320 CSS pixels', async () => {
  const { page: index } = await openPage(env.browser, `${env.base}/`);
  const samples = await index.locator('.studio-gallery a').allTextContents();
  assert.ok(samples.length >= 30, `sample items listed: ${samples.length}`);
  assert.deepEqual(await overflow(index), [], 'the gallery, wide');
  await index.setViewportSize(NARROW);
  assert.deepEqual(await overflow(index), [], 'the gallery');
  const { page, errors } = await narrowPage(`${env.base}/`);
  const problems = [];
  for (const sample of samples) {
    await showSample(page, sample);
    for (const p of await overflow(page)) problems.push(`${sample}: ${p}`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  console.log(`# reflow: ${samples.length} sample items at 320 px, nothing scrolls sideways`);
});

test('the match grid scrolls in its own box, and a focused cell scrolls into view', async () => {
  const { page, errors } = await narrowPage(`${env.base}/#/item/qti22/match-capitals.xml`);
  const scroll = page.locator('.qti-match-scroll');
  await scroll.waitFor();
  const [client, width] = await scroll.evaluate((e) => [e.clientWidth, e.scrollWidth]);
  assert.ok(width > client, `the grid is wider than 320 px here (${width} > ${client}), so this test means something`);
  // The last cell of the first row, reached by keyboard, is inside the box.
  const cells = page.locator('.qti-match-table tbody tr').first().locator('input');
  await cells.first().focus();
  for (let i = 1; i < await cells.count(); i++) await page.keyboard.press('Tab');
  const last = cells.last();
  assert.equal(await last.evaluate((e) => e === document.activeElement), true);
  const inside = await last.evaluate((e) => {
    const box = e.getBoundingClientRect();
    const frame = e.closest('.qti-match-scroll').getBoundingClientRect();
    return box.left >= frame.left - 1 && box.right <= frame.right + 1;
  });
  assert.equal(inside, true, 'the focused checkbox is scrolled into view');
  await page.keyboard.press('Space');
  assert.equal(await last.isChecked(), true);
  assert.deepEqual(errors, []);
});

test('the editor, the sample tests (also with text spacing) and the embedding page reflow at 320 CSS pixels', async () => {
  const { page, errors } = await narrowPage(`${env.base}/#/edit/qti22/choice-capital.xml`);
  await page.locator('.qti-item-body').waitFor();
  assert.deepEqual(await overflow(page), [], 'the editor with its preview');
  const { page: index } = await openPage(env.browser, `${env.base}/`);
  const tests = await index.locator('.studio-tests a').allTextContents();
  assert.ok(tests.length >= 2, `sample tests listed: ${tests.length}`);
  for (const t of tests) {
    await page.goto('about:blank');
    await page.goto(`${env.base}/#/test/${t}`);
    await page.locator('.qti-item-body').waitFor();
    assert.deepEqual(await overflow(page), [], t);
    // With the text spacing of WCAG 1.4.12 too.
    await page.addStyleTag({ content: TEXT_SPACING });
    assert.deepEqual([...await overflow(page), ...await clippedText(page)], [], `${t}, text spacing`);
  }
  await page.goto('about:blank');
  await page.goto(`${env.base}/embed/`);
  await page.locator('.qti-item-body').nth(1).waitFor(); // mount() and <qti-player>
  assert.deepEqual(await overflow(page), [], 'the embedding example page');
  assert.deepEqual(errors, []);
});

test('companion tools open at 320 CSS pixels without widening the page', async () => {
  const { page, errors } = await narrowPage(`${env.base}/#/item/qti30/companion-tools.xml`);
  const tools = page.locator('.qti-tools');
  await tools.waitFor();
  // The calculator fits the screen, every key inside it.
  await tools.getByRole('button', { name: 'Calculator (scientific)' }).click();
  const calc = page.getByRole('dialog', { name: 'Calculator (scientific)' });
  await calc.waitFor();
  const outside = await calc.evaluate((dialog) => {
    const frame = dialog.getBoundingClientRect();
    const off = [];
    if (frame.left < 0 || frame.right > innerWidth) off.push(`the calculator spans ${Math.round(frame.left)}..${Math.round(frame.right)}`);
    for (const key of dialog.querySelectorAll('button')) {
      const b = key.getBoundingClientRect();
      if (b.left < frame.left || b.right > frame.right) off.push(`key ${key.textContent} sticks out`);
    }
    return off;
  });
  assert.deepEqual(outside, []);
  assert.deepEqual(await overflow(page), []);
  await calc.locator('.qti-tool-close').click();
  // A rule drawn to scale is longer than the screen is wide: the player
  // clips it (it moves by drag or arrow keys); the page does not scroll.
  for (const name of ['Rule', 'Protractor']) {
    await tools.getByRole('button', { name, exact: true }).click();
    await page.locator(`.qti-${name.toLowerCase()}`).waitFor();
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${name} open: the page scrolls sideways (${scroll} px)`);
  }
  // A pressed button reached by keyboard shows the focus ring, not its
  // pressed outline.
  const pressed = tools.getByRole('button', { name: 'Protractor', exact: true });
  assert.equal(await pressed.getAttribute('aria-pressed'), 'true');
  await tools.getByRole('button', { name: 'Rule', exact: true }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await pressed.evaluate((b) => b === document.activeElement), true);
  assert.equal(await pressed.evaluate((b) => getComputedStyle(b).outlineWidth), '3px', 'the 3 px focus ring');
  assert.deepEqual(errors, []);
});

// The spacing WCAG 1.4.12 names, forced over the page's own styles.
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

/** Elements of the player whose text is cut off by their own box. */
function clippedText(page) {
  return page.evaluate(() => {
    const clips = (o) => o === 'hidden' || o === 'clip';
    const found = [];
    for (const e of document.querySelectorAll('.qti-player *')) {
      if (!e.textContent.trim() || e.closest('.qti-visually-hidden')) continue;
      const style = getComputedStyle(e);
      // The 1 px boxes that hide text from sight but not from screen readers.
      if (style.position === 'absolute' && e.getBoundingClientRect().width <= 1) continue;
      if ((clips(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
        || (clips(style.overflowY) && e.scrollHeight > e.clientHeight + 1)) {
        found.push(`${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}: ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`);
      }
    }
    return found;
  });
}

test('text spacing: no sample item cuts text off, wide or at 320 CSS pixels', async () => {
  const samples = await sampleItems();
  const problems = [];
  for (const viewport of [{ width: 1280, height: 800 }, NARROW]) {
    const { page, errors } = await openPage(env.browser, 'about:blank');
    await page.setViewportSize(viewport);
    for (const sample of samples) {
      await showSample(page, sample);
      await page.addStyleTag({ content: TEXT_SPACING });
      for (const p of await clippedText(page)) problems.push(`${viewport.width} px, ${sample}: ${p}`);
      if (viewport === NARROW) for (const p of await overflow(page)) problems.push(`${viewport.width} px, ${sample}: ${p}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  assert.deepEqual(problems, []);
  console.log(`# text spacing: ${samples.length} sample items at 1280 and 320 px, no text cut off`);
});

test('text resized to 200% (1.4.4): no sample item cuts text off or scrolls sideways at 1280 CSS pixels', async () => {
  const samples = await sampleItems();
  const problems = [];
  const { page, errors } = await openPage(env.browser, 'about:blank');
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const sample of samples) {
    await showSample(page, sample);
    // As the studio's text size and a PNP's do: the player's font size.
    await page.addStyleTag({ content: '.qti-player { font-size: 200% !important; }' });
    for (const p of [...await clippedText(page), ...await overflow(page)]) problems.push(`${sample}: ${p}`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  console.log(`# text at 200%: ${samples.length} sample items, no text cut off`);
});

/** Where the focus is: outside the player, or a description of the stop
 * and whether it shows a focus indicator (our 3 px outline, or the thick
 * stroke of a focused SVG shape). Audio and video draw their own native
 * controls' focus rings, which styles cannot see. */
function focusStop(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e?.closest('.qti-player')) return null;
    const style = getComputedStyle(e);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const stroke = (el) => parseFloat(getComputedStyle(el).strokeWidth) >= 4;
    const shape = e instanceof SVGElement && (stroke(e) || [...e.querySelectorAll('*')].some(stroke));
    const native = e instanceof HTMLMediaElement;
    const name = e.getAttribute('aria-label') ?? e.id;
    return { stop: `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}${name ? ` "${name}"` : ''}`, visible: ring || shape || native };
  });
}

/** Tab from a button placed just before the player (the first
 * `.qti-player`: an item, or a test runner) through it and out, then
 * Shift+Tab back from a button just after it. Returns the forward stops;
 * problems (a stop without a focus indicator, a trap, a walk back that
 * differs) go to `problems`, prefixed with `what`. */
async function walkPlayer(page, what, problems) {
  await page.evaluate(() => {
    const button = (text) => Object.assign(document.createElement('button'), { textContent: text });
    const player = document.querySelector('.qti-player');
    player.after(button('after the player'));
    const start = button('before the player');
    player.before(start);
    start.focus();
  });
  const walk = async (key) => {
    const seen = [];
    for (let i = 0; i < 100; i++) {
      await page.keyboard.press(key);
      const at = await focusStop(page);
      if (!at) return seen;
      if (!at.visible) problems.push(`${what}: no focus indicator on ${at.stop}`);
      seen.push(at.stop);
    }
    problems.push(`${what}: ${key} never leaves the player (${seen.slice(-3).join(', ')})`);
    return seen;
  };
  const forward = await walk('Tab');
  const back = await walk('Shift+Tab');
  assert.ok(forward.length > 0, `${what}: no stop in the player`);
  if (back.join() !== [...forward].reverse().join()) problems.push(`${what}: Shift+Tab (${back.length} stops) does not retrace Tab (${forward.length})`);
  return forward;
}

test('keyboard: Tab goes through every sample item and test and out, Shift+Tab back, each stop visibly focused', async () => {
  const samples = await sampleItems();
  const { page, errors } = await openPage(env.browser, 'about:blank');
  const problems = [];
  let stops = 0;
  let walked = 0;
  for (const sample of samples) {
    await showSample(page, sample);
    // A PCI's frame holds its own focus order (tested with the PCI), and
    // the item redraws when the frame reports its size.
    if (await page.locator('.qti-portable-custom-interaction').count()) continue;
    stops += (await walkPlayer(page, sample, problems)).length;
    walked += 1;
  }
  // The test runner: header, question map, item, navigation.
  for (const t of ['tests/linear-basics.xml', 'tests/nonlinear-review.xml']) {
    await page.goto('about:blank');
    await page.goto(`${env.base}/#/test/${t}`);
    await page.locator('.qti-item-body').waitFor();
    stops += (await walkPlayer(page, t, problems)).length;
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  console.log(`# keyboard: ${walked} of ${samples.length} sample items (a PCI's frame keeps its own order) and 2 sample tests walked, ${stops} tab stops, all visibly focused, none a trap`);
});

/** Controls in the player whose border and background both fall below
 * 3:1 against what surrounds them, and buttons whose text falls below
 * 4.5:1 against their background. Native radio buttons, checkboxes,
 * sliders and file pickers are drawn by the browser; a drawing canvas lies
 * over the image that bounds it. */
function faintControls(page) {
  return page.evaluate(() => {
    const rgb = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const f = (x) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (x, y) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((m, n) => n - m);
      return (hi + 0.05) / (lo + 0.05);
    };
    const backdrop = (e) => {
      for (let a = e; a; a = a.parentElement) {
        const c = rgb(getComputedStyle(a).backgroundColor);
        if (c && c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const controls = 'input:not([type=radio]):not([type=checkbox]):not([type=range]):not([type=file]), select, textarea, button, '
      + '[tabindex="0"]:not(svg, svg *, canvas), .qti-simple-choice, .qti-gap, .qti-gap-choice, .qti-order-choice, .qti-hottext';
    const found = new Set();
    for (const e of document.querySelectorAll(`.qti-player :is(${controls})`)) {
      if (e.closest('.qti-visually-hidden') || !e.getBoundingClientRect().width) continue;
      const style = getComputedStyle(e);
      const around = backdrop(e.parentElement);
      const own = rgb(style.backgroundColor);
      const side = parseFloat(style.borderTopWidth) ? 'Top' : 'Bottom';
      const border = rgb(style[`border${side}Color`]);
      const byBackground = own && own.a > 0.5 && contrast(own, around) >= 3;
      const byBorder = parseFloat(style[`border${side}Width`]) >= 1 && border && contrast(border, around) >= 3;
      const name = `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}`;
      if (!byBackground && !byBorder) {
        found.add(`${name} (border ${border ? contrast(border, around).toFixed(2) : '-'}:1)`);
      }
      // A button's own words at 4.5:1 (1.4.3). axe gives up on buttons with
      // a ::before mark and skips one-symbol labels, so it is measured here.
      if (e instanceof HTMLButtonElement && !e.disabled && e.textContent.trim()) {
        const text = contrast(rgb(style.color), own && own.a > 0.5 ? own : around);
        if (text < 4.5) found.add(`${name} "${e.textContent.trim()}" (text ${text.toFixed(2)}:1)`);
      }
    }
    return [...found];
  });
}

test('contrast: every control of every sample item stands out at 3:1, its button text at 4.5:1, in each theme', async () => {
  const samples = await sampleItems();
  const { page, errors } = await openPage(env.browser, 'about:blank');
  const problems = [];
  const themes = ['', 'qti-theme-high-contrast', 'qti-theme-dark', 'qti-theme-yellow-on-blue'];
  for (const sample of samples) {
    await showSample(page, sample);
    for (const theme of themes) {
      await page.evaluate((theme) => {
        const player = document.querySelector('.qti-player');
        player.classList.remove('qti-theme-high-contrast', 'qti-theme-dark', 'qti-theme-yellow-on-blue');
        if (theme) player.classList.add(theme);
      }, theme);
      for (const p of await faintControls(page)) problems.push(`${sample} ${theme || 'default theme'}: ${p}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  console.log(`# contrast: ${samples.length} sample items in ${themes.length} themes, every control at 3:1 or more, button text at 4.5:1 or more`);
});

test('contrast in the test runner: question map, answered and flagged states, in each theme', async () => {
  const { page, errors } = await openPage(env.browser, `${env.base}/#/test/tests/nonlinear-review.xml`);
  await page.locator('.qti-question-map').waitFor();
  // Question 1 answered, question 2 flagged and shown.
  await page.locator('.qti-simple-choice input').first().check();
  await page.locator('.qti-question-map li:nth-child(2) button').click();
  await page.locator('.qti-flag').click();
  await page.waitForFunction(() => document.querySelector('.qti-question-map li:nth-child(1) button').classList.contains('qti-answered')
    && document.querySelector('.qti-flag').getAttribute('aria-pressed') === 'true');
  const problems = [];
  for (const theme of ['', 'qti-theme-high-contrast', 'qti-theme-dark', 'qti-theme-yellow-on-blue']) {
    await page.evaluate((theme) => {
      const runner = document.querySelector('.qti-test-runner');
      runner.classList.remove('qti-theme-high-contrast', 'qti-theme-dark', 'qti-theme-yellow-on-blue');
      if (theme) runner.classList.add(theme);
    }, theme);
    for (const p of await faintControls(page)) problems.push(`${theme || 'default theme'}: ${p}`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
});
