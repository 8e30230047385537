import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Serious and critical axe violations on the page (all of them with `minor`). Fluent UI's focus manager (tabster) adds
 * `<i data-tabster-dummy>` elements that are focusable on purpose, to hand focus in and out of
 * arrow-key groups such as tab lists; they are excluded.
 */
export async function seriousViolations(page: Page, o: { include?: string; minor?: boolean } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).exclude('[data-tabster-dummy]');
  if (o.include) builder = builder.include(o.include);
  const scan = await builder.analyze();
  return scan.violations
    .filter((v) => o.minor || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
