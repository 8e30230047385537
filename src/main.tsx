import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveEnvironment } from './config/environment';
import { startMsal } from './auth/msal';
import { App } from './app/App';

const root = createRoot(document.getElementById('root')!);

async function start() {
  const env = resolveEnvironment(import.meta.env, window.location.origin);
  const msal = await startMsal(env);
  root.render(
    <StrictMode>
      <App env={env} msal={msal} />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  // Configuration or sign-in start-up failed: say so plainly (text only, never HTML).
  const message = error instanceof Error ? error.message : String(error);
  const main = document.createElement('main');
  const h1 = document.createElement('h1');
  h1.textContent = 'The portal could not start';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  main.append(h1, p);
  document.getElementById('root')!.replaceChildren(main);
});
