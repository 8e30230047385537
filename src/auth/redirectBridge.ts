// The page MSAL's popup and hidden-iframe flows return to: it hands the response to the main window.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

void broadcastResponseToMainFrame().catch(() => {
  // Opened directly (no response to hand over): go to the portal.
  window.location.replace('/');
});
