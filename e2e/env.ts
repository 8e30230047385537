/** Where the e2e run serves the portal and keeps the emulator's data (its own port and folder, reset at start). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 5174);
export const E2E_DATA_DIR = '.data/e2e';
