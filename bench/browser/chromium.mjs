// The benchmark's headless Chromium: Debian's, with the flags the project
// uses everywhere (no sandbox, GPU, QUIC, first-run or background traffic).
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launch it through Playwright, with any further flags. */
export function launch(extra = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS, ...extra] });
}
