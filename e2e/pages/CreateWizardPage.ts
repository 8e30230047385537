import { expect, type Locator, type Page } from '@playwright/test';

/** Create Azure API for FHIR: the four tabs, their fields (by label) and the footer. */
export class CreateWizardPage {
  readonly heading: Locator;
  readonly subscription: Locator;
  readonly resourceGroup: Locator;
  readonly accountName: Locator;
  readonly location: Locator;
  readonly fhirVersion: Locator;
  readonly throughput: Locator;
  readonly serviceManagedKey: Locator;
  readonly customerManagedKey: Locator;
  readonly keyUri: Locator;
  readonly useVersionless: Locator;
  readonly keyChecks: Locator;
  readonly reviewAndCreate: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly create: Locator;
  readonly validationPassed: Locator;
  readonly validationFailed: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Create Azure API for FHIR', level: 1 });
    this.subscription = page.getByRole('combobox', { name: 'Subscription' });
    this.resourceGroup = page.getByRole('combobox', { name: 'Resource group' });
    this.accountName = page.getByRole('textbox', { name: 'Account name' });
    this.location = page.getByRole('combobox', { name: 'Location' });
    this.fhirVersion = page.getByRole('combobox', { name: 'FHIR version' });
    this.throughput = page.getByRole('spinbutton', { name: 'Provisioned throughput (RU/s)' });
    this.serviceManagedKey = page.getByRole('radio', { name: 'Service-managed key' });
    this.customerManagedKey = page.getByRole('radio', { name: 'Customer-managed key' });
    this.keyUri = page.getByRole('textbox', { name: 'Key URI' });
    this.useVersionless = page.getByRole('button', { name: 'Use versionless URI' });
    this.keyChecks = page.getByRole('region', { name: 'Key checks' });
    this.reviewAndCreate = page.getByRole('button', { name: 'Review + create', exact: true });
    this.next = page.getByRole('button', { name: /^Next/ });
    this.previous = page.getByRole('button', { name: 'Previous' });
    this.create = page.getByRole('button', { name: 'Create', exact: true });
    this.validationPassed = page.getByText('Validation passed');
    this.validationFailed = page.getByText('Validation failed');
  }

  tab(name: 'Basics' | 'Additional settings' | 'Tags' | 'Review + create'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async choose(combobox: Locator, option: string): Promise<void> {
    await combobox.click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Basics for a new account in contoso-fhir-rg, West US 2. */
  async fillBasics(name: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.choose(this.subscription, 'Contoso Health (emulated)');
    await this.choose(this.resourceGroup, 'contoso-fhir-rg');
    await this.accountName.fill(name);
    await this.choose(this.location, 'West US 2');
    await expect(this.page.getByText('The name is available.')).toBeVisible();
  }
}
