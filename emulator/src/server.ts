import { createServer } from 'node:https';
import { buildEmulator } from './app.ts';
import { optionsFromEnvironment } from './options.ts';

/** `npm run emulator`: the emulator alone on https://localhost:8443 (EMULATOR_PORT changes it). */
const options = optionsFromEnvironment(process.env, process.argv.slice(2), 'EMULATOR_PORT', 8443);
const emulator = await buildEmulator(options);
const server = createServer({ key: emulator.tls.key, cert: emulator.tls.cert }, (req, res) => emulator.handler(req, res));
server.keepAliveTimeout = 65_000;
server.listen(options.port, () => {
  console.log(emulator.banner(`https://localhost:${options.port}`));
});

const stop = () => {
  server.close();
  emulator.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
