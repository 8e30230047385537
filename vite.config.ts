import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { buildEmulator } from './emulator/src/app.ts';
import { optionsFromEnvironment } from './emulator/src/options.ts';
import { emulatorPlugin } from './emulator/src/vitePlugin.ts';

/**
 * `npm start` (vite) and `vite preview` serve the portal at https://localhost:5173 (PORT changes it),
 * with the emulator mounted on the same origin. `vite build` needs no emulator.
 */
export default defineConfig(async ({ command, isPreview }): Promise<UserConfig> => {
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
  const emulator = await buildEmulator(options);
  const server = { https: { key: emulator.tls.key, cert: emulator.tls.cert }, port: options.port, strictPort: true, host: 'localhost' };
  void isPreview;
  return {
    ...base,
    plugins: [...base.plugins!, emulatorPlugin(emulator)],
    server,
    preview: server,
  };
});
