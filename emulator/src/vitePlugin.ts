import type { Plugin } from 'vite';
import type { Emulator } from './app.ts';
import { handleGateway } from './gateway/keyVaultGateway.ts';
import type { Req, Res } from './http.ts';

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
      // Vite would list a URL per certificate name (*.vault.localhost…); the banner says where the portal is.
      server.printUrls = () => server.config.logger.info(`  ➜  Portal: ${origin}/\n`);
      server.httpServer?.once('listening', () => console.log(emulator.banner(origin)));
      server.httpServer?.once('close', () => emulator.close());
    },
    configurePreviewServer(server) {
      server.middlewares.use(emulator.handler);
      server.printUrls = () => server.config.logger.info(`  ➜  Portal: ${origin}/\n`);
      server.httpServer.once('listening', () => console.log(emulator.banner(origin)));
      server.httpServer.once('close', () => emulator.close());
    },
  };
}

/** Azure mode: no emulator, only the Key Vault gateway, forwarding to the cloud's Key Vault hosts. */
export function gatewayPlugin(suffixes: readonly string[]): Plugin {
  const middleware = (req: Req, res: Res, next: () => void) => {
    handleGateway(req, res, req.url ?? '/', { suffixes })
      .then((handled) => {
        if (!handled) next();
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
  };
  return {
    name: 'fhir-cmk-keyvault-gateway',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
