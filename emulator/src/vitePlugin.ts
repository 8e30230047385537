import type { Plugin } from 'vite';
import type { Emulator } from './app.ts';

/**
 * Mounts the emulator on the Vite dev and preview servers, before Vite's own middlewares
 * (so its routes win over the SPA fallback), and prints its banner.
 */
export function emulatorPlugin(emulator: Emulator): Plugin {
  const origin = `https://localhost:${emulator.options.port}`;
  return {
    name: 'fhir-cmk-emulator',
    configureServer(server) {
      server.middlewares.use(emulator.handler);
      server.httpServer?.once('listening', () => console.log(emulator.banner(origin)));
      server.httpServer?.once('close', () => emulator.close());
    },
    configurePreviewServer(server) {
      server.middlewares.use(emulator.handler);
      server.httpServer.once('listening', () => console.log(emulator.banner(origin)));
      server.httpServer.once('close', () => emulator.close());
    },
  };
}
