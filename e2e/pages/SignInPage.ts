import type { Locator, Page } from '@playwright/test';

/** The emulator's Entra ID sign-in: "Pick an account". */
export class SignInPage {
  readonly heading: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Pick an account' });
  }

  account(displayName: string): Locator {
    return this.page.getByRole('button', { name: displayName, exact: true });
  }

  async pick(displayName: string): Promise<void> {
    await this.heading.waitFor();
    await this.account(displayName).click();
  }
}
