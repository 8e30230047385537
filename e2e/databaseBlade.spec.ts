import { expect, test } from './fixtures';
import { tabTo as tabToElement } from './keyboard';
import { seriousViolations } from './axe';
import { uniqueName } from './azure';
import { AccountBladePage } from './pages/AccountBladePage';
import { KeyPickerPage } from './pages/KeyPickerPage';

const MODIFY = "The configuration option can't be modified once chosen. However, you can modify and update your key.";
const FHIR_CMK = 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk';

test.describe('Database blade', () => {
  let blade: AccountBladePage;
  test.beforeEach(async ({ page, signInAs }) => {
    blade = new AccountBladePage(page);
    await signInAs('Dana Operator');
  });

  test('contoso-smk: Service-managed key selected and disabled, no key field', async ({ page, portal }) => {
    await portal.row('contoso-smk').getByRole('link', { name: 'contoso-smk' }).click();
    await expect(page.getByRole('heading', { name: 'contoso-smk', level: 1 })).toBeVisible();
    await blade.database.click();
    await expect(blade.serviceManagedKey).toBeChecked();
    await expect(blade.serviceManagedKey).toBeDisabled();
    await expect(blade.customerManagedKey).toBeDisabled();
    await expect(page.getByText(MODIFY)).toBeVisible();
    await expect(page.getByText('Your data is encrypted with Microsoft-managed keys.')).toBeVisible();
    await expect(blade.keyUri).toHaveCount(0);
    await expect(blade.throughput).toHaveValue('400');
    await expect(blade.save).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('contoso-cmk: Customer-managed key selected and disabled, its Key URI and key status', async ({ page }) => {
    await blade.open('contoso-cmk');
    await expect(blade.customerManagedKey).toBeChecked();
    await expect(blade.customerManagedKey).toBeDisabled();
    await expect(blade.keyUri).toHaveValue(FHIR_CMK);
    await expect(blade.keyStatus).toContainText('Accessible');
    await expect(blade.keyStatus).toContainText('Version in use');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('changes the throughput: saved through GET → PUT with If-Match', async ({ page, arm }) => {
    const name = uniqueName('db-ru');
    await arm.createAccount(name);
    await blade.open(name);
    await blade.throughput.fill('1200');
    await blade.throughput.press('Tab');
    await expect(blade.save).toBeEnabled();
    await blade.save.click();
    await expect(page.getByText(`Updated ${name}`).first()).toBeVisible({ timeout: 30_000 });
    await expect(blade.save).toBeDisabled();
    expect((await arm.account(name)).body.properties.cosmosDbConfiguration.offerThroughput).toBe(1200);
    await expect(blade.throughput).toHaveValue('1200');
  });

  test("updates contoso-cmk's key to research-cmk in fabrikam-kv through the picker", async ({ page, arm }) => {
    const picker = new KeyPickerPage(page);
    await blade.open('contoso-cmk');
    await page.getByRole('button', { name: 'Select from key vault' }).click();
    await expect(picker.subscription).toHaveText('Contoso Health (emulated)');
    await picker.chooseSubscription('Fabrikam Research (emulated)');
    await picker.chooseKey('fabrikam-kv', 'research-cmk');
    await picker.select.click();
    await expect(blade.keyUri).toHaveValue('https://fabrikam-kv.vault.localhost/keys/research-cmk');
    await expect(page.getByText('Purge protection is on.')).toBeVisible();
    await blade.save.click();
    await expect(page.getByText('Updated contoso-cmk').first()).toBeVisible({ timeout: 30_000 });
    expect((await arm.account('contoso-cmk')).body.properties.cosmosDbConfiguration.keyVaultKeyUri).toBe('https://fabrikam-kv.vault.localhost/keys/research-cmk');
    await expect(blade.keyStatus).toContainText('fabrikam-kv');
  });

  test('an invalid key URI is blocked with its message', async ({ page, arm }) => {
    const name = uniqueName('db-bad');
    await arm.createAccount(name, { keyVaultKeyUri: FHIR_CMK });
    await blade.open(name);
    await blade.keyUri.fill('https://contoso-cmk-kv.vault.azure.net/keys/fhir-cmk');
    await expect(page.getByText('vault.localhost').first()).toBeVisible();
    await expect(blade.save).toBeDisabled();
    await blade.keyUri.fill('https://contoso-nopurge-kv.vault.localhost/keys/rsa-a');
    await expect(page.getByText("Purge protection is off in 'contoso-nopurge-kv'")).toBeVisible();
    await expect(blade.save).toBeDisabled();
    await blade.discard.click();
    await expect(blade.keyUri).toHaveValue(FHIR_CMK);
  });

  test('a change made elsewhere meanwhile: 412 is explained, the edit kept, reload and re-apply saves it', async ({ page, arm }) => {
    const name = uniqueName('db-412');
    await arm.createAccount(name);
    await blade.open(name);
    await blade.throughput.fill('2000');
    await blade.throughput.press('Tab');
    // Someone else changes the account (its tags) while the blade is open.
    expect((await arm.send('PATCH', arm.servicePath(name), { tags: { changedBy: 'a script' } })).status).toBe(200);
    await expect.poll(async () => (await arm.account(name)).body.properties.provisioningState).toBe('Succeeded');
    await blade.save.click();
    await expect(page.getByText(`Someone else changed ${name}`)).toBeVisible({ timeout: 30_000 });
    await expect(blade.throughput).toHaveValue('2000');
    expect((await arm.account(name)).body.properties.cosmosDbConfiguration.offerThroughput).toBe(400);
    await page.getByRole('button', { name: 'Reload and re-apply' }).click();
    await expect(page.getByText(`Someone else changed ${name}`)).toBeHidden();
    await expect(blade.throughput).toHaveValue('2000');
    await blade.save.click();
    await expect(page.getByText(`Updated ${name}`).first()).toBeVisible({ timeout: 30_000 });
    const after = await arm.account(name);
    expect(after.body.properties.cosmosDbConfiguration.offerThroughput).toBe(2000);
    expect(after.body.tags).toEqual({ changedBy: 'a script' });
  });

  test('the Database blade with the keyboard only', async ({ page, arm }) => {
    const name = uniqueName('db-keys');
    await arm.createAccount(name);
    await blade.open(name, '');
    const tabTo = (target: import('@playwright/test').Locator) => tabToElement(page, target);
    await tabTo(blade.overview);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(blade.throughput).toBeVisible();
    await tabTo(blade.throughput);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(blade.throughput).toHaveValue('600');
    await tabTo(blade.save);
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Updated ${name}`).first()).toBeVisible({ timeout: 30_000 });
    expect((await arm.account(name)).body.properties.cosmosDbConfiguration.offerThroughput).toBe(600);
  });
});

test('Riley Reader sees everything read-only, with the reason', async ({ page, signInAs }) => {
  const blade = new AccountBladePage(page);
  await signInAs('Riley Reader');
  await blade.open('contoso-smk');
  await expect(page.getByText('Read-only')).toBeVisible();
  await expect(page.getByText('changing its settings needs Owner or Contributor')).toBeVisible();
  await expect(blade.throughput).toBeDisabled();
  await expect(blade.save).toBeDisabled();
});
