import type { Locator, Page } from '@playwright/test';

/** Presses Tab until the element has the focus, as a keyboard user would; fails after 40 presses. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Could not reach the element with Tab.');
}
