import { test as base, expect } from '@playwright/test';
import { PortalPage } from './pages/PortalPage';
import { SignInPage } from './pages/SignInPage';

export const test = base.extend<{ portal: PortalPage; signInPage: SignInPage }>({
  portal: async ({ page }, use) => use(new PortalPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
});

export { expect };
