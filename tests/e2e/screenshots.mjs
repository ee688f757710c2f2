// Renders every sample item of the studio to a PNG (headless Chromium) for
// visual review: gallery/<path>.png (kept out of git). Also one PNG per
// item in the high-contrast theme. Run: bash scripts/screenshots.sh
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../gallery');
mkdirSync(out, { recursive: true });
const env = await start();
try {
  const { page } = await openPage(env.browser, `${env.base}/`);
  const samples = await page.locator('.studio-gallery a').allTextContents();
  for (const sample of samples) {
    const { page: p } = await openPage(env.browser, `${env.base}/#/item/${sample}`);
    await p.setViewportSize({ width: 1000, height: 800 });
    await p.locator('.qti-item-body').waitFor();
    await p.waitForTimeout(150); // images
    const name = sample.replace(/[/]/g, '-').replace(/\.xml$/, '');
    await p.locator('.qti-player').screenshot({ path: `${out}/${name}.png` });
    await p.evaluate(() => document.querySelector('.qti-player').classList.add('qti-theme-high-contrast'));
    await p.locator('.qti-player').screenshot({ path: `${out}/${name}-high-contrast.png` });
    await p.close();
    console.log(`${out}/${name}.png`);
  }
} finally {
  await env.close();
}
