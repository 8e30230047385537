import { expect, test } from './fixtures';
import { uniqueName } from './azure';
import { AccountBladePage } from './pages/AccountBladePage';

test('disable the key in the emulator: the Database blade turns Revoked with the fix; re-enable: it recovers', async ({ page, portal, arm, signInAs }) => {
  const name = uniqueName('e2e-revoke');
  const created = await arm.keyVault<{ key: { kid: string } }>('POST', 'contoso-cmk-kv', `/keys/${name}/create`, { kty: 'RSA', key_size: 2048 });
  expect(created.status).toBe(200);
  const version = created.body.key.kid.split('/').pop()!;
  await arm.createAccount(name, { keyVaultKeyUri: `https://contoso-cmk-kv.vault.localhost/keys/${name}` });

  const blade = new AccountBladePage(page);
  await signInAs('Dana Operator');
  await blade.open(name);
  await expect(blade.keyStatus).toContainText('Accessible');
  await expect(blade.keyStatus).toContainText(version);

  // Someone disables the key in Key Vault while the blade is open: it follows on its own.
  expect((await arm.keyVault('PATCH', 'contoso-cmk-kv', `/keys/${name}/${version}`, { attributes: { enabled: false } })).status).toBe(200);
  await expect(blade.keyStatus).toContainText('Revoked', { timeout: 20_000 });
  await expect(blade.keyStatus).toContainText(`The key '${name}' is disabled.`);
  await expect(blade.keyStatus).toContainText('Enable the key');
  await expect(page.getByText('Only deletion is possible while access to the key is revoked')).toBeVisible();
  await expect(blade.throughput).toBeDisabled();

  await blade.overview.click();
  await expect(page.getByText('Access to the customer-managed key is revoked')).toBeVisible();
  await page.getByRole('link', { name: 'Azure API for FHIR' }).first().click();
  await expect(portal.row(name)).toContainText('Revoked');
  await expect(portal.row(name)).toContainText('The customer-managed key is disabled, or the Key Vault does not grant permission to AAD.');

  expect((await arm.keyVault('PATCH', 'contoso-cmk-kv', `/keys/${name}/${version}`, { attributes: { enabled: true } })).status).toBe(200);
  await blade.open(name);
  await expect(blade.keyStatus).toContainText('Accessible', { timeout: 20_000 });
  await expect(page.getByText('Only deletion is possible while access to the key is revoked')).toBeHidden();
});
