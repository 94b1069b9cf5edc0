import AxeBuilder from '@axe-core/playwright';
import { Page, expect, test } from '@playwright/test';

/** The rules a page must pass: WCAG 2.0 level A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa'];

export interface AccessibilityCheckOptions {
  /**
   * CSS selectors of elements axe must skip. Only for Backstage's own chrome that Shipgate does
   * not render (its sidebar, header or a page of another plugin); say at the call which rule of
   * that element fails and why it is not ours.
   */
  exclude?: string[];
}

/**
 * Runs axe-core's WCAG 2 A and AA rules on what the page shows now and fails with one line per
 * violation (rule, help text, and the selectors of the offending nodes) when any is found.
 */
export async function expectAccessible(
  page: Page,
  pageName: string,
  options: AccessibilityCheckOptions = {},
) {
  await test.step(`${pageName} passes axe WCAG 2 A/AA`, async () => {
    // MUI fades a label's colour over 200 ms when a field turns enabled (after its options
    // load); axe reading the colour mid-fade reports a contrast the settled page never shows.
    // Colours are judged as they settle: transitions and animations end at once.
    await page.addStyleTag({
      content:
        '*, *::before, *::after { transition: none !important; animation: none !important; }',
    });
    let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
    for (const selector of options.exclude ?? []) {
      builder = builder.exclude(selector);
    }
    const { violations } = await builder.analyze();
    const report = violations.map(violation =>
      [
        `${violation.id} (${violation.impact}): ${violation.help}`,
        ...violation.nodes.map(
          node =>
            `    ${node.target.join(' ')}${
              node.failureSummary
                ? `\n      ${node.failureSummary.replace(/\n/g, '\n      ')}`
                : ''
            }`,
        ),
      ].join('\n'),
    );
    expect(
      report,
      `${pageName} (${page.url()}) has accessibility violations:\n${report.join(
        '\n',
      )}`,
    ).toEqual([]);
  });
}
