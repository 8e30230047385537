import { expect, test } from './fixtures';
import { tabTo as tabToElement } from './keyboard';
import { uniqueName } from './azure';
import { seriousViolations } from './axe';

const CMK = 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk';

test.describe('Create Azure API for FHIR', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('Dana Operator');
  });

  test('creates a service-managed-key account, shows it in the list; axe on every tab', async ({ page, portal, wizard, arm }) => {
    const name = uniqueName('e2e-smk');
    await page.getByRole('link', { name: 'Create' }).click();
    await expect(page).toHaveURL(/#\/create$/);
    await wizard.fillBasics(name);
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.next.click();
    await expect(wizard.tab('Additional settings')).toHaveAttribute('aria-selected', 'true');
    await expect(wizard.serviceManagedKey).toBeChecked();
    await expect(wizard.throughput).toHaveValue('400');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.next.click();
    await page.getByRole('textbox', { name: 'Tag 1 name' }).fill('env');
    await page.getByRole('textbox', { name: 'Tag 1 value' }).fill('e2e');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.reviewAndCreate.click();
    await expect(wizard.validationPassed).toBeVisible();
    await expect(page.getByText("The encryption choice can't be changed after the account is created.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await wizard.create.click();
    await expect(page.getByText('Deployment in progress…').first()).toBeVisible();
    await expect(page.getByText('Your deployment is complete')).toBeVisible({ timeout: 30_000 });
    const account = await arm.account(name);
    expect(account.body.properties.cosmosDbConfiguration).toEqual({ offerThroughput: 400 });
    expect(account.body.tags).toEqual({ env: 'e2e' });

    await page.getByRole('button', { name: 'Go to resource' }).first().click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'Service-managed key' })).toBeVisible();
    await page.getByRole('link', { name: 'Azure API for FHIR' }).first().click();
    await expect(portal.row(name)).toContainText('Service-managed key');
  });

  test('a versioned key URI of fhir-cmk is fixed to versionless with one click; the account is created with it', async ({ page, wizard, arm }) => {
    const [version] = await arm.keyVersions('contoso-cmk-kv', 'fhir-cmk');
    const name = uniqueName('e2e-cmk');
    await page.goto('/#/create');
    await wizard.fillBasics(name);
    await wizard.tab('Additional settings').click();
    await wizard.customerManagedKey.check();
    await wizard.keyUri.fill(`  ${CMK}/${version}  `);
    await expect(page.getByText('Azure API for FHIR uses the latest version of the key automatically')).toBeVisible();
    await wizard.useVersionless.click();
    await expect(wizard.keyUri).toHaveValue(CMK);
    await expect(wizard.keyChecks).toContainText('Purge protection is on.');
    await expect(wizard.keyChecks).toContainText('Azure Cosmos DB has Get, Wrap Key and Unwrap Key.');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.reviewAndCreate.click();
    await expect(wizard.validationPassed).toBeVisible();
    // The same deployment as a script.
    await page.getByRole('tab', { name: 'Azure CLI' }).click();
    await expect(page.getByLabel('Azure CLI', { exact: true })).toContainText(`'key-vault-key-uri=${CMK}'`);
    await page.getByRole('tab', { name: 'PowerShell' }).click();
    await expect(page.getByLabel('PowerShell', { exact: true })).toContainText(`-CosmosKeyVaultKeyUri '${CMK}'`);
    await wizard.create.click();
    await expect(page.getByText('Your deployment is complete')).toBeVisible({ timeout: 30_000 });
    const account = await arm.account(name);
    expect(account.body.properties.cosmosDbConfiguration.keyVaultKeyUri).toBe(CMK);
    expect(account.body.properties.provisioningState).toBe('Succeeded');
  });

  test('a key in contoso-nopurge-kv is refused before Create, with the reason and a link back', async ({ page, wizard, arm }) => {
    const name = uniqueName('e2e-nopurge');
    await page.goto('/#/create');
    await wizard.fillBasics(name);
    await wizard.tab('Additional settings').click();
    await wizard.customerManagedKey.check();
    await wizard.keyUri.fill('https://contoso-nopurge-kv.vault.localhost/keys/rsa-a');
    await expect(wizard.keyChecks).toContainText("Purge protection is off in 'contoso-nopurge-kv'");
    await wizard.reviewAndCreate.click();
    await expect(wizard.validationFailed).toBeVisible();
    const problems = page.getByRole('list', { name: 'Validation problems' });
    await expect(problems).toContainText('Purge protection');
    await expect(wizard.create).toBeDisabled();
    await problems.getByRole('button', { name: 'Go to Additional settings' }).click();
    await expect(wizard.keyUri).toBeFocused({ timeout: 1 }).catch(() => undefined);
    await expect(wizard.tab('Additional settings')).toHaveAttribute('aria-selected', 'true');
    expect((await arm.account(name)).status).toBe(404);
  });

  test('an injected deployment failure shows the ARM code and message and keeps every value', async ({ page, wizard, arm }) => {
    const name = uniqueName('e2e-fail');
    await page.goto('/#/create');
    await wizard.fillBasics(name);
    await wizard.reviewAndCreate.click();
    await expect(wizard.validationPassed).toBeVisible();
    await arm.setFaults({ failNextOperation: { code: 'InternalServerError', message: 'The FHIR service could not be provisioned.' } });
    try {
      await wizard.create.click();
      await expect(page.getByText('The deployment failed')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText('The FHIR service could not be provisioned.').first()).toBeVisible();
      await expect(page.getByRole('definition').getByText(name, { exact: true })).toBeVisible();
      await wizard.tab('Basics').click();
      await expect(wizard.accountName).toHaveValue(name);
    } finally {
      await arm.clearFaults();
    }
  });

  test('a reload mid-wizard restores the draft; leaving asks first', async ({ page, portal, wizard }) => {
    const name = uniqueName('e2e-draft');
    await page.goto('/#/create');
    await wizard.fillBasics(name);
    await wizard.tab('Additional settings').click();
    await wizard.customerManagedKey.check();
    await wizard.keyUri.fill(CMK);
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await expect(wizard.heading).toBeVisible();
    await expect(wizard.keyUri).toHaveValue(CMK);
    await wizard.tab('Basics').click();
    await expect(wizard.accountName).toHaveValue(name);
    await expect(wizard.location).toHaveText('West US 2');

    await page.getByRole('link', { name: 'Close' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Leave Create Azure API for FHIR?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(wizard.accountName).toHaveValue(name);
    await page.getByRole('link', { name: 'Close' }).click();
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(portal.accountsHeading).toBeVisible();
  });

  test('the whole wizard with the keyboard only', async ({ page, wizard, arm }) => {
    const name = uniqueName('e2e-keys');
    const tabTo = (target: import('@playwright/test').Locator) => tabToElement(page, target);
    const pick = async (combobox: import('@playwright/test').Locator, option: string) => {
      await tabTo(combobox);
      await page.keyboard.press('Enter');
      const target = page.getByRole('option', { name: option, exact: true });
      for (let i = 0; i < 60 && !(await target.evaluate((el) => el.getAttribute('data-activedescendant-focusvisible') !== null || el.classList.contains('fui-Option--active') || el.id === document.activeElement?.getAttribute('aria-activedescendant')).catch(() => false)); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await expect(combobox).toHaveText(option);
    };
    await page.keyboard.press('Tab');
    await tabTo(page.getByRole('link', { name: 'Create' }));
    await page.keyboard.press('Enter');
    await expect(wizard.heading).toBeVisible();
    await pick(wizard.subscription, 'Contoso Health (emulated)');
    await pick(wizard.resourceGroup, 'contoso-fhir-rg');
    await tabTo(wizard.accountName);
    await page.keyboard.type(name);
    await pick(wizard.location, 'West US 2');
    await expect(page.getByText('The name is available.')).toBeVisible();
    await tabTo(wizard.next);
    await page.keyboard.press('Enter');
    await tabTo(wizard.serviceManagedKey);
    await page.keyboard.press('ArrowDown');
    await expect(wizard.customerManagedKey).toBeChecked();
    await tabTo(wizard.keyUri);
    await page.keyboard.type(CMK);
    await expect(wizard.keyChecks).toContainText('Purge protection is on.');
    await tabTo(wizard.reviewAndCreate);
    await page.keyboard.press('Enter');
    await expect(wizard.validationPassed).toBeVisible();
    await tabTo(wizard.create);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Your deployment is complete')).toBeVisible({ timeout: 30_000 });
    expect((await arm.account(name)).body.properties.cosmosDbConfiguration.keyVaultKeyUri).toBe(CMK);
  });
});

test('Riley Reader sees why Create is not allowed, before the end', async ({ page, signInAs, wizard }) => {
  await signInAs('Riley Reader');
  await page.goto('/#/create');
  await wizard.choose(wizard.subscription, 'Contoso Health (emulated)');
  await expect(page.getByText("You can't create an account here")).toBeVisible();
  await expect(page.getByText('Microsoft.HealthcareApis/services/write').first()).toBeVisible();
  await wizard.choose(wizard.resourceGroup, 'contoso-fhir-rg');
  await wizard.accountName.fill(uniqueName('riley'));
  await wizard.choose(wizard.location, 'West US 2');
  await wizard.reviewAndCreate.click();
  await expect(page.getByRole('list', { name: 'Validation problems' })).toContainText('read-only access');
  await expect(wizard.create).toBeDisabled();
});
