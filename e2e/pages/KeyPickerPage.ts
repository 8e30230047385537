import { expect, type Locator, type Page } from '@playwright/test';

/** The "Select a key" drawer. */
export class KeyPickerPage {
  readonly drawer: Locator;
  readonly subscription: Locator;
  readonly keys: Locator;
  readonly filter: Locator;
  readonly version: Locator;
  readonly select: Locator;
  readonly cancel: Locator;
  readonly createNewKey: Locator;
  readonly createNewVersion: Locator;

  constructor(readonly page: Page) {
    this.drawer = page.getByRole('dialog', { name: 'Select a key' });
    this.subscription = this.drawer.getByRole('combobox', { name: 'Subscription' });
    this.keys = this.drawer.getByRole('listbox', { name: 'Keys' });
    this.filter = this.drawer.getByRole('searchbox', { name: 'Filter keys' });
    this.version = this.drawer.getByRole('combobox', { name: 'Version' });
    this.select = this.drawer.getByRole('button', { name: 'Select', exact: true });
    this.cancel = this.drawer.getByRole('button', { name: 'Cancel', exact: true });
    this.createNewKey = this.drawer.getByRole('button', { name: 'Create new key' });
    this.createNewVersion = this.drawer.getByRole('button', { name: 'Create new version' });
  }

  vault(name: string): Locator {
    return this.drawer.getByRole('radio', { name });
  }

  /** The reasons listed under a vault. */
  vaultReasons(name: string): Locator {
    return this.drawer.getByRole('list', { name: `Why ${name} can't be used` });
  }

  key(name: string): Locator {
    return this.keys.getByRole('option').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async chooseSubscription(name: string): Promise<void> {
    await this.subscription.click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  async chooseKey(vault: string, key: string): Promise<void> {
    await this.vault(vault).check();
    await expect(this.key(key)).toBeVisible();
    await this.key(key).click();
    await expect(this.key(key)).toHaveAttribute('aria-selected', 'true');
  }
}
