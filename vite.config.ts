import { defineConfig, loadEnv, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { buildEmulator } from './emulator/src/app.ts';
import { optionsFromEnvironment } from './emulator/src/options.ts';
import { ensureCertificates } from './emulator/src/tls/certificates.ts';
import { emulatorPlugin, gatewayPlugin } from './emulator/src/vitePlugin.ts';
import { resolveEnvironment } from './src/config/environment.ts';

/**
 * `npm start` (vite) and `vite preview` serve the portal at https://localhost:5173 (PORT changes it).
 * Emulator mode mounts the emulator on the same origin; Azure mode mounts only the Key Vault gateway.
 * `vite build` needs neither.
 */
export default defineConfig(async ({ command, mode }): Promise<UserConfig> => {
  const base: UserConfig = {
    plugins: [react()],
    build: {
      target: 'es2022',
      sourcemap: true,
      manifest: true,
      // Size is budgeted in gzip by bench/bundle.ts; the entry chunk is larger than Vite's default warning.
      chunkSizeWarningLimit: 1024,
      rolldownOptions: { input: { main: 'index.html', redirect: 'redirect.html' } },
    },
  };
  if (command !== 'serve') return base;

  const options = optionsFromEnvironment(process.env, process.argv, 'PORT', 5173);
  const server = (tls: { key: string; cert: string }) => ({ https: tls, port: options.port, strictPort: true, host: 'localhost' });
  const portal = resolveEnvironment({ ...loadEnv(mode, process.cwd(), 'VITE_') }, `https://localhost:${options.port}`);
  if (portal.mode === 'azure') {
    const tls = await ensureCertificates(options.dataDir);
    return { ...base, plugins: [...base.plugins!, gatewayPlugin(portal.keyVaultSuffixes)], server: server(tls), preview: server(tls) };
  }
  const emulator = await buildEmulator(options);
  return { ...base, plugins: [...base.plugins!, emulatorPlugin(emulator)], server: server(emulator.tls), preview: server(emulator.tls) };
});
