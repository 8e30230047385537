import { test as base, expect } from '@playwright/test';
import { Arm } from './azure';
import { CreateWizardPage } from './pages/CreateWizardPage';
import { PortalPage } from './pages/PortalPage';
import { SignInPage } from './pages/SignInPage';

export const test = base.extend<{ portal: PortalPage; signInPage: SignInPage; wizard: CreateWizardPage; arm: Arm; signInAs: (user: string) => Promise<void> }>({
  portal: async ({ page }, use) => use(new PortalPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  wizard: async ({ page }, use) => use(new CreateWizardPage(page)),
  arm: async ({ request }, use) => use(new Arm(request)),
  signInAs: async ({ portal, signInPage }, use) =>
    use(async (user: string) => {
      await portal.open();
      await signInPage.pick(user);
      await expect(portal.banner).toContainText(user);
    }),
});

export { expect };
