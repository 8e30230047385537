/**
 * What a Node.js user needs to point the official Azure SDK clients at the emulator: its CA, an
 * HTTPS agent that reaches `*.vault.localhost` (which Node does not resolve) and the emulator's port,
 * a pipeline policy that uses that agent, and the demo service principal's credential.
 *
 *   const emulator = emulatorConnection({ port: 8443 });
 *   const arm = new HealthcareApisManagementClient(emulator.credential, subscriptionId, emulator.armOptions);
 *   const keys = new KeyClient('https://contoso-cmk-kv.vault.localhost', emulator.credential, emulator.clientOptions);
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest, type AgentOptions } from 'node:https';
import { join } from 'node:path';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { ClientSecretCredential } from '@azure/identity';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { DEMO_SERVICE_PRINCIPAL, PORTAL_CLIENT_ID, SUBSCRIPTIONS, TENANT_ID } from './seed/inventory.ts';
import { PROJECT_ROOT } from './src/options.ts';

export { DEMO_SERVICE_PRINCIPAL, PORTAL_CLIENT_ID, SUBSCRIPTIONS, TENANT_ID };

/** Resource Manager's audience: the emulator issues tokens for it, as Entra ID does. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

const isEmulatorHost = (host: string) => host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1';

/** An HTTPS agent that sends `localhost` and `*.localhost` to the emulator's port on 127.0.0.1 (keeping the name for TLS). */
export class EmulatorAgent extends Agent {
  constructor(private readonly emulatorPort: number, options: AgentOptions) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(options: ConnectionOptions & { host?: string }, callback?: (err: Error | null, socket: TLSSocket) => void): TLSSocket {
    const host = options.host ?? 'localhost';
    const target = isEmulatorHost(host) ? { host: '127.0.0.1', port: this.emulatorPort, servername: host === '127.0.0.1' ? undefined : host } : {};
    const socket = connect({ ...options, ...target });
    if (callback) socket.once('secureConnect', () => callback(null, socket));
    return socket;
  }
}

/** A pipeline policy that sends every request through the agent (add it to any Azure SDK client's options). */
export function emulatorPolicy(agent: Agent): PipelinePolicy {
  return {
    name: 'emulatorTransport',
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}

export interface FhirResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** A minimal FHIR client for one account, `https://{account}.azurehealthcareapis.localhost`, with the credential's FHIR token. */
export interface FhirClient {
  request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<FhirResponse<T>>;
}

export interface EmulatorConnection {
  origin: string;
  ca: string;
  agent: EmulatorAgent;
  policy: PipelinePolicy;
  /** The demo service principal (client credentials), from the emulator's authority. */
  credential: ClientSecretCredential;
  /** Options for any Azure SDK client: the transport policy. */
  clientOptions: { additionalPolicies: { policy: PipelinePolicy; position: 'perCall' }[] };
  /** Options for the Resource Manager clients: endpoint, ARM's scope and the transport policy. */
  armOptions: { endpoint: string; credentialScopes: string[]; additionalPolicies: { policy: PipelinePolicy; position: 'perCall' }[] };
  fhir(account: string): FhirClient;
}

/** Everything to connect the official SDK clients to an emulator on `port` (default 8443), trusting its CA. */
export function emulatorConnection(o: { port?: number; ca?: string; dataDir?: string } = {}): EmulatorConnection {
  const port = o.port ?? Number(process.env.EMULATOR_PORT ?? 8443);
  const ca = o.ca ?? readFileSync(join(o.dataDir ?? join(PROJECT_ROOT, process.env.EMULATOR_DATA_DIR ?? '.data'), 'ca.pem'), 'utf8');
  const origin = `https://localhost:${port}`;
  const agent = new EmulatorAgent(port, { ca });
  const policy = emulatorPolicy(agent);
  const additionalPolicies = [{ policy, position: 'perCall' as const }];
  const credential = new ClientSecretCredential(TENANT_ID, DEMO_SERVICE_PRINCIPAL.clientId, DEMO_SERVICE_PRINCIPAL.clientSecret, {
    authorityHost: origin,
    disableInstanceDiscovery: true,
    additionalPolicies,
  });
  const fhir = (account: string): FhirClient => {
    const host = `${account}.azurehealthcareapis.localhost`;
    return {
      async request<T>(method: string, path: string, body?: unknown): Promise<FhirResponse<T>> {
        const token = await credential.getToken(`https://${host}/.default`);
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        return new Promise((resolve, reject) => {
          const req = httpsRequest({
            host, port: port, method, path, agent,
            headers: {
              authorization: `Bearer ${token!.token}`, accept: 'application/fhir+json',
              ...(payload ? { 'content-type': 'application/fhir+json', 'content-length': String(payload.length) } : {}),
            },
          }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers });
            });
          });
          req.on('error', reject);
          req.end(payload);
        });
      },
    };
  };
  return {
    origin, ca, agent, policy, credential, fhir,
    clientOptions: { additionalPolicies },
    armOptions: { endpoint: origin, credentialScopes: [ARM_SCOPE], additionalPolicies },
  };
}
