import { expect, test } from './fixtures';
import { seriousViolations } from './axe';

test('Dana signs in through Pick an account and sees every account with its encryption', async ({ page, portal, signInPage }) => {
  await portal.open();
  await expect(signInPage.heading).toBeVisible();
  await expect(signInPage.account('Dana Operator')).toBeVisible();
  await expect(signInPage.account('Riley Reader')).toBeVisible();
  await signInPage.pick('Dana Operator');

  await expect(portal.banner).toContainText('Dana Operator');
  await expect(portal.accountsHeading).toBeVisible();
  await expect(portal.accounts).toBeVisible();
  const headers = portal.accounts.getByRole('columnheader');
  await expect(headers).toHaveText(['Name', 'Resource group', 'Location', 'Subscription', 'Encryption', 'Key status']);

  await expect(portal.row('contoso-smk').getByRole('cell')).toHaveText([
    'contoso-smk', 'contoso-fhir-rg', 'West US 2', 'Contoso Health (emulated)', 'Service-managed key', '—',
  ]);
  await expect(portal.row('contoso-cmk').getByRole('cell')).toHaveText([
    'contoso-cmk', 'contoso-fhir-rg', 'West US 2', 'Contoso Health (emulated)', 'Customer-managed key', 'Accessible',
  ]);
  await expect(page.getByText('in 2 subscriptions')).toBeVisible();

  expect(await seriousViolations(page, { minor: true })).toEqual([]);
});

test('Sign out works, then Riley signs in and still sees the list', async ({ page, portal, signInPage }) => {
  await portal.open();
  await signInPage.pick('Dana Operator');
  await expect(portal.banner).toContainText('Dana Operator');

  await portal.signOut.click();
  await expect(portal.signedOutHeading).toBeVisible();
  await expect(portal.banner).not.toContainText('Dana Operator');
  await expect(portal.signOut).toHaveCount(0);
  // Signed out for real: the token cache is empty.
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('accesstoken')).length)).toBe(0);

  await portal.signIn.click();
  await signInPage.pick('Riley Reader');
  await expect(portal.banner).toContainText('Riley Reader');
  await expect(portal.row('contoso-smk')).toContainText('Service-managed key');
  await expect(portal.row('contoso-cmk')).toContainText('Customer-managed key');
});

test('a deep link survives sign-in', async ({ page, signInPage }) => {
  await page.goto('/#/create');
  await signInPage.pick('Dana Operator');
  await expect(page.getByRole('heading', { name: 'Create Azure API for FHIR', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/create$/);
});
