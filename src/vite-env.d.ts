/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_PORTAL_MODE?: string;
  readonly VITE_AZURE_CLIENT_ID?: string;
  readonly VITE_AZURE_TENANT_ID?: string;
  readonly VITE_AZURE_CLOUD?: string;
  readonly VITE_COSMOS_DB_OBJECT_ID?: string;
}
