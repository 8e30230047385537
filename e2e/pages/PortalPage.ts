import type { Locator, Page } from '@playwright/test';

/** The portal's frame (top bar) and its home blade, the account list. */
export class PortalPage {
  readonly banner: Locator;
  readonly signOut: Locator;
  readonly accountsHeading: Locator;
  readonly accounts: Locator;
  readonly signedOutHeading: Locator;
  readonly signIn: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.signOut = this.banner.getByRole('button', { name: 'Sign out' });
    this.accountsHeading = page.getByRole('heading', { name: 'Azure API for FHIR', level: 1 });
    this.accounts = page.getByRole('table', { name: 'Azure API for FHIR accounts' });
    this.signedOutHeading = page.getByRole('heading', { name: "You're signed out" });
    this.signIn = page.getByRole('button', { name: 'Sign in' });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
  }

  /** The row of an account, by its name (first cell). */
  row(name: string): Locator {
    return this.accounts.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }
}
