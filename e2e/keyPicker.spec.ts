import { expect, test } from './fixtures';
import { seriousViolations } from './axe';
import { KeyPickerPage } from './pages/KeyPickerPage';
import { uniqueName } from './azure';

const SELECT_FROM_KEY_VAULT = { name: 'Select from key vault' } as const;

// Riley's test runs first: the Grant access test below gives Azure Cosmos DB access to contoso-noaccess-kv.
test("Riley's 403: Key Vault's own text, what to ask for, and the field still works", async ({ page, signInAs, wizard }) => {
  const picker = new KeyPickerPage(page);
  await signInAs('Riley Reader');
  await page.goto('/#/create');
  await wizard.choose(wizard.subscription, 'Contoso Health (emulated)');
  await wizard.tab('Additional settings').click();
  await wizard.customerManagedKey.check();
  await page.getByRole('button', SELECT_FROM_KEY_VAULT).click();
  await picker.vault('contoso-cmk-kv').check();
  await expect(picker.drawer.getByText('The operation "List" is not enabled in this key vault\'s access policy.')).toBeVisible();
  await expect(picker.drawer.getByText('Ask an owner of the vault for the key permissions List and Get')).toBeVisible();
  await expect(picker.drawer.getByText('Only an Owner or Contributor of the resource group contoso-fhir-rg can grant access')).toBeVisible();
  await picker.cancel.click();
  await wizard.keyUri.fill('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
  await expect(wizard.keyUri).toHaveValue('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
});

test.describe('Select a key (the key picker)', () => {
  let picker: KeyPickerPage;

  test.beforeEach(async ({ page, signInAs, wizard }) => {
    picker = new KeyPickerPage(page);
    await signInAs('Dana Operator');
    await page.goto('/#/create');
    await wizard.choose(wizard.subscription, 'Contoso Health (emulated)');
    await wizard.tab('Additional settings').click();
    await wizard.customerManagedKey.check();
    await page.getByRole('button', SELECT_FROM_KEY_VAULT).click();
    await expect(picker.drawer).toBeVisible();
    await expect(picker.subscription).toHaveText('Contoso Health (emulated)');
  });

  test('every vault of the seed is listed; unusable ones say why; axe finds nothing serious', async ({ page }) => {
    await expect(picker.vault('contoso-cmk-kv')).toBeEnabled();
    await expect(picker.vault('contoso-nopurge-kv')).toBeDisabled();
    await expect(picker.vaultReasons('contoso-nopurge-kv')).toHaveText('Purge protection is off');
    await expect(picker.vault('contoso-noaccess-kv')).toBeDisabled();
    await expect(picker.vaultReasons('contoso-noaccess-kv')).toHaveText("Azure Cosmos DB can't use keys in this vault (needs Get, Wrap Key, Unwrap Key)");
    await expect(picker.vault('contoso-legacy-kv')).toBeDisabled();
    await expect(picker.vaultReasons('contoso-legacy-kv')).toContainText('Purge protection is off');
    await expect(picker.vaultReasons('contoso-legacy-kv')).toContainText('Soft delete is off');
    await expect(picker.vault('contoso-rbac-kv')).toBeEnabled();
    await expect(picker.vaultReasons('contoso-rbac-kv')).toContainText('Key Vault Crypto Service Encryption User');
    await picker.vault('contoso-cmk-kv').check();
    await expect(picker.key('fhir-cmk')).toBeVisible();
    expect(await seriousViolations(page, { include: '[role="dialog"]' })).toEqual([]);
  });

  test('each key reason in contoso-cmk-kv; fhir-cmk latest fills the versionless URI; Cancel changes nothing and focus returns', async ({ page, wizard }) => {
    await picker.vault('contoso-cmk-kv').check();
    await expect(picker.key('ec-key')).toContainText('EC key: Azure API for FHIR needs an RSA key');
    await expect(picker.key('ec-key')).toHaveAttribute('aria-disabled', 'true');
    await expect(picker.key('old-rsa')).toContainText('Disabled: enable it in the vault, or create a new version');
    await expect(picker.key('expired-rsa')).toContainText('Expired on');
    await expect(picker.key('fhir-cmk')).toContainText('RSA 3072');
    // A disabled option can't be chosen, even by a click on it.
    await picker.key('old-rsa').click({ force: true });
    await expect(picker.key('old-rsa')).toHaveAttribute('aria-selected', 'false');
    await expect(picker.select).toBeDisabled();

    await picker.cancel.click();
    await expect(picker.drawer).toBeHidden();
    await expect(wizard.keyUri).toHaveValue('');
    await expect(page.getByRole('button', SELECT_FROM_KEY_VAULT)).toBeFocused();

    await page.getByRole('button', SELECT_FROM_KEY_VAULT).click();
    await picker.chooseKey('contoso-cmk-kv', 'fhir-cmk');
    await expect(picker.version).toHaveText('Latest (rotates automatically)');
    await picker.select.click();
    await expect(picker.drawer).toBeHidden();
    await expect(wizard.keyUri).toHaveValue('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
    await expect(page.getByRole('button', SELECT_FROM_KEY_VAULT)).toBeFocused();
    await expect(wizard.keyChecks).toContainText('Purge protection is on.');
  });

  test('choosing a version is explained, and the field offers the versionless URI', async ({ page, wizard, arm }) => {
    const versions = await arm.keyVersions('contoso-cmk-kv', 'fhir-cmk');
    await picker.chooseKey('contoso-cmk-kv', 'fhir-cmk');
    await picker.version.click();
    await page.getByRole('option').filter({ hasText: versions[0]! }).click();
    await expect(picker.drawer.getByText('Azure API for FHIR uses the latest version of the key automatically')).toBeVisible();
    await picker.select.click();
    await expect(wizard.keyUri).toHaveValue(`https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk/${versions[0]}`);
    await expect(page.getByRole('main').getByText('Azure API for FHIR uses the latest version of the key automatically')).toBeVisible();
    await wizard.useVersionless.click();
    await expect(wizard.keyUri).toHaveValue('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
  });

  test('creates a key and a new version from inside the drawer; both are selected', async ({ page, wizard, arm }) => {
    const name = uniqueName('picker-key');
    await picker.vault('contoso-cmk-kv').check();
    await picker.createNewKey.click();
    await picker.drawer.getByRole('textbox', { name: 'Key name' }).fill('bad_name');
    await expect(picker.drawer.getByText('Key names are 1–127 letters, digits and hyphens.')).toBeVisible();
    await picker.drawer.getByRole('textbox', { name: 'Key name' }).fill(name);
    await picker.drawer.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(picker.drawer.getByText(`The key '${name}' (RSA 3072) was created and selected.`)).toBeVisible();
    await expect(picker.key(name)).toHaveAttribute('aria-selected', 'true');
    expect(await arm.keyVersions('contoso-cmk-kv', name)).toHaveLength(1);

    await picker.createNewVersion.click();
    await expect(picker.drawer.getByText(`A new version of '${name}' was created; it is now the latest.`)).toBeVisible();
    expect(await arm.keyVersions('contoso-cmk-kv', name)).toHaveLength(2);
    await picker.select.click();
    await expect(wizard.keyUri).toHaveValue(`https://contoso-cmk-kv.vault.localhost/keys/${name}`);
    void page;
  });

  test('switch to Fabrikam Research and pick research-cmk', async ({ wizard }) => {
    await picker.chooseSubscription('Fabrikam Research (emulated)');
    await picker.chooseKey('fabrikam-kv', 'research-cmk');
    await expect(picker.key('research-cmk')).toContainText('RSA 4096');
    await picker.select.click();
    await expect(wizard.keyUri).toHaveValue('https://fabrikam-kv.vault.localhost/keys/research-cmk');
  });

  test('Grant access on contoso-noaccess-kv, then select rsa-b', async ({ wizard, arm }) => {
    await expect(picker.vault('contoso-noaccess-kv')).toBeDisabled();
    await picker.drawer.getByRole('button', { name: 'Grant access to contoso-noaccess-kv' }).click();
    await expect(picker.vault('contoso-noaccess-kv')).toBeEnabled();
    await expect(picker.vaultReasons('contoso-noaccess-kv')).toHaveText('');
    const vault = await arm.get<{ properties: { accessPolicies: { objectId: string; permissions: { keys: string[] } }[] } }>(
      '/subscriptions/7c4e2a9f-3b1d-4f6e-8a5c-2d9b0e7f1a34/resourceGroups/contoso-fhir-rg/providers/Microsoft.KeyVault/vaults/contoso-noaccess-kv?api-version=2026-02-01',
    );
    expect(vault.body.properties.accessPolicies.find((p) => p.objectId === 'e1c5a9d3-2f7b-4c86-a0e4-9b3d6f1c8a52')?.permissions.keys).toEqual(['get', 'wrapKey', 'unwrapKey']);
    await picker.chooseKey('contoso-noaccess-kv', 'rsa-b');
    await picker.select.click();
    await expect(wizard.keyUri).toHaveValue('https://contoso-noaccess-kv.vault.localhost/keys/rsa-b');
    await expect(wizard.keyChecks).toContainText('Azure Cosmos DB has Get, Wrap Key and Unwrap Key.');
  });

  test('filters as you type and works with the keyboard only', async ({ page, wizard }) => {
    await picker.vault('contoso-cmk-kv').focus();
    await page.keyboard.press('Space');
    await expect(picker.vault('contoso-cmk-kv')).toBeChecked();
    await expect(picker.key('fhir-cmk')).toBeVisible();
    await picker.filter.focus();
    await page.keyboard.type('rsa');
    await expect(picker.keys.getByRole('option')).toHaveCount(2);
    await expect(picker.drawer.getByText('2 match “rsa”')).toBeVisible();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('fhir');
    await expect(picker.keys.getByRole('option')).toHaveCount(1);
    for (let i = 0; i < 6 && !(await picker.keys.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(picker.keys).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(picker.key('fhir-cmk')).toHaveAttribute('aria-selected', 'true');
    for (let i = 0; i < 10 && !(await picker.select.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(picker.select).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(wizard.keyUri).toHaveValue('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
  });
});

