import type { Locator, Page } from '@playwright/test';

/** An account's blade: its menu, and the Database blade's commands and fields. */
export class AccountBladePage {
  readonly overview: Locator;
  readonly database: Locator;
  readonly save: Locator;
  readonly discard: Locator;
  readonly throughput: Locator;
  readonly serviceManagedKey: Locator;
  readonly customerManagedKey: Locator;
  readonly keyUri: Locator;
  readonly keyStatus: Locator;

  constructor(readonly page: Page) {
    this.overview = page.getByRole('tab', { name: 'Overview' });
    this.database = page.getByRole('tab', { name: 'Database' });
    this.save = page.getByRole('toolbar', { name: 'Database commands' }).getByRole('button', { name: /^Sav/ });
    this.discard = page.getByRole('button', { name: 'Discard' });
    this.throughput = page.getByRole('spinbutton', { name: 'Provisioned throughput (RU/s)' });
    this.serviceManagedKey = page.getByRole('radio', { name: 'Service-managed key' });
    this.customerManagedKey = page.getByRole('radio', { name: 'Customer-managed key' });
    this.keyUri = page.getByRole('textbox', { name: 'Key URI' });
    this.keyStatus = page.getByRole('region', { name: 'Key status' });
  }

  async open(name: string, section: 'database' | '' = 'database'): Promise<void> {
    await this.page.goto(`/#/resource/subscriptions/7c4e2a9f-3b1d-4f6e-8a5c-2d9b0e7f1a34/resourceGroups/contoso-fhir-rg/providers/Microsoft.HealthcareApis/services/${name}${section ? `/${section}` : ''}`);
  }
}
