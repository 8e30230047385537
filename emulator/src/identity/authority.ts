import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TENANT_ID } from '../../seed/inventory.ts';
import { BodyTooLargeError, closeAfterResponse, readBody, redirect, send, sendJson, type Req, type Res } from '../http.ts';
import {
  audienceOf, findClient, findUser, OIDC_SCOPES, secretMatches, users, type Principal,
} from './directory.ts';
import type { SigningKey } from './signingKey.ts';
import { ACCESS_TOKEN_LIFETIME, type TokenService } from './tokens.ts';

/** Entra ID's token-endpoint error format. */
function oauthError(res: Res, status: number, error: string, code: number, description: string): void {
  sendJson(res, status, {
    error,
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  principal: Principal;
  scopes: string[];
  nonce?: string;
  expires: number;
}

/** Authorization codes live this long and are redeemable once. */
const CODE_LIFETIME_MS = 120_000;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const clientInfo = (p: Principal) =>
  Buffer.from(JSON.stringify({ uid: p.objectId, utid: TENANT_ID })).toString('base64url');

/** The parameters of an authorize request the picker carries through to its POST. */
const AUTHORIZE_PARAMS = [
  'client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'nonce',
  'code_challenge', 'code_challenge_method', 'prompt', 'login_hint',
] as const;

export class Authority {
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    private readonly tokens: TokenService,
    private readonly key: SigningKey,
  ) {}

  /** `/{tenant}/...` requests; returns false when the path is not the authority's. */
  async handle(req: Req, res: Res, url: URL, host: string, rest: string): Promise<boolean> {
    try {
      return await this.route(req, res, url, host, rest);
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        closeAfterResponse(res);
        oauthError(res, 413, 'invalid_request', 90020, 'The request body is too large.');
        return true;
      }
      if (e instanceof URIError) {
        oauthError(res, 400, 'invalid_client', 7000215, 'The client credentials in the Authorization header are not valid.');
        return true;
      }
      throw e;
    }
  }

  private async route(req: Req, res: Res, url: URL, host: string, rest: string): Promise<boolean> {
    const base = `https://${host}/${TENANT_ID}`;
    const method = req.method ?? 'GET';
    switch (rest) {
      case 'v2.0/.well-known/openid-configuration':
      case '.well-known/openid-configuration':
        sendJson(res, 200, this.metadata(base, host));
        return true;
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        sendJson(res, 200, { keys: [this.key.publicJwk] });
        return true;
      case 'oauth2/v2.0/authorize':
        if (method === 'GET') this.showPicker(res, url.searchParams, host);
        else if (method === 'POST') await this.pickAccount(req, res, host);
        else send(res, 405, 'Method not allowed', { allow: 'GET, POST' });
        return true;
      case 'oauth2/v2.0/token':
        if (method !== 'POST') send(res, 405, 'Method not allowed', { allow: 'POST' });
        else await this.token(req, res, host);
        return true;
      case 'oauth2/v2.0/logout':
        this.logout(res, url.searchParams, host);
        return true;
      default:
        return false;
    }
  }

  private metadata(base: string, host: string) {
    return {
      issuer: this.tokens.issuer(host),
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'preferred_username', 'oid', 'tid', 'nonce'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'localhost',
    };
  }

  /** A redirect URI is accepted only on the emulator's own origin (the portal is served there). */
  private redirectUriProblem(clientId: string | null, redirectUri: string | null, host: string): string | undefined {
    const client = clientId ? findClient(clientId) : undefined;
    if (!client || client.secretHash) {
      return `AADSTS700016: Application with identifier '${clientId ?? ''}' was not found in the directory '${TENANT_ID}'.`;
    }
    let parsed: URL | undefined;
    try {
      parsed = redirectUri ? new URL(redirectUri) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== `https://${host}` || !['/', '/redirect.html'].includes(parsed.pathname)) {
      return `AADSTS50011: The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`;
    }
    return undefined;
  }

  private errorPage(res: Res, status: number, message: string): void {
    send(res, status, page('Sign-in error', `<h1>Sorry, but we're having trouble signing you in.</h1><p role="alert">${escapeHtml(message)}</p>`), htmlHeaders);
  }

  private showPicker(res: Res, params: URLSearchParams, host: string): void {
    const problem = this.redirectUriProblem(params.get('client_id'), params.get('redirect_uri'), host);
    if (problem) return this.errorPage(res, 400, problem);
    if (params.get('response_type') !== 'code') {
      return this.finish(res, params, { error: 'unsupported_response_type', error_description: 'AADSTS700054: response_type must be code.' });
    }
    if (!params.get('code_challenge') || (params.get('code_challenge_method') ?? 'plain') !== 'S256') {
      return this.finish(res, params, { error: 'invalid_request', error_description: 'AADSTS9002325: Proof Key for Code Exchange (S256) is required for cross-origin authorization code redemption.' });
    }
    if (params.get('prompt') === 'none') {
      // The emulator keeps no browser session: a silent request always needs the picker.
      return this.finish(res, params, { error: 'login_required', error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.' });
    }
    const hidden = AUTHORIZE_PARAMS.filter((k) => params.has(k))
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k)!)}">`)
      .join('');
    const items = users
      .map(
        (u, i) => `<li><form method="post">${hidden}<input type="hidden" name="user" value="${u.objectId}">
<button type="submit" aria-describedby="u${i}"><span class="name">${escapeHtml(u.displayName)}</span></button>
<span id="u${i}" class="upn">${escapeHtml(u.userPrincipalName ?? '')}</span></form></li>`,
      )
      .join('');
    send(
      res,
      200,
      page(
        'Sign in to your account',
        `<p class="brand">Microsoft Entra ID (emulated)</p><h1>Pick an account</h1>
<p>Demo users of the tenant <strong>Contoso (emulated)</strong>. No password is needed.</p><ul>${items}</ul>`,
      ),
      htmlHeaders,
    );
  }

  private async pickAccount(req: Req, res: Res, host: string): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const problem = this.redirectUriProblem(form.get('client_id'), form.get('redirect_uri'), host);
    if (problem) return this.errorPage(res, 400, problem);
    const user = findUser(form.get('user') ?? '');
    if (!user) return this.errorPage(res, 400, 'Pick one of the listed accounts.');
    const code = randomBytes(32).toString('base64url');
    this.sweepCodes();
    this.codes.set(code, {
      clientId: form.get('client_id')!,
      redirectUri: form.get('redirect_uri')!,
      codeChallenge: form.get('code_challenge') ?? '',
      principal: user,
      scopes: (form.get('scope') ?? '').split(' ').filter(Boolean),
      nonce: form.get('nonce') ?? undefined,
      expires: Date.now() + CODE_LIFETIME_MS,
    });
    this.finish(res, form, { code, client_info: clientInfo(user) });
  }

  /** Sends the authorization response back to the app, in the fragment or the query as asked. */
  private finish(res: Res, params: URLSearchParams, values: Record<string, string>): void {
    const out = new URLSearchParams(values);
    const state = params.get('state');
    if (state !== null) out.set('state', state);
    const target = new URL(params.get('redirect_uri')!);
    if (params.get('response_mode') === 'query') {
      for (const [k, v] of out) target.searchParams.set(k, v);
      redirect(res, target.toString());
    } else {
      target.hash = out.toString();
      redirect(res, target.toString());
    }
  }

  private sweepCodes(): void {
    const t = Date.now();
    for (const [code, pending] of this.codes) if (pending.expires < t) this.codes.delete(code);
  }

  private async token(req: Req, res: Res, host: string): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const basic = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(secret ?? '');
    }
    const client = findClient(clientId);
    if (!client) {
      return oauthError(res, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${TENANT_ID}'.`);
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
    if (resourceScopes.length > 1) {
      return oauthError(res, 400, 'invalid_scope', 70011, 'The provided request must include scopes for one resource only.');
    }
    const audience = resourceScopes.length ? audienceOf(resourceScopes[0]!) : undefined;
    if (resourceScopes.length && !audience) {
      return oauthError(res, 400, 'invalid_resource', 500011,
        `The resource principal named ${resourceScopes[0]!.replace(/\/\.default$/, '')} was not found in the tenant named ${TENANT_ID}.`);
    }
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') {
      if (!client.secretHash || !client.servicePrincipal) {
        return oauthError(res, 400, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
      }
      if (!clientSecret || !secretMatches(client, clientSecret)) {
        return oauthError(res, 401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
      }
      if (!audience || !resourceScopes[0]!.endsWith('/.default')) {
        return oauthError(res, 400, 'invalid_scope', 1002012, 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.');
      }
      const access = this.tokens.accessToken({ host, principal: client.servicePrincipal, clientId, audience, scopes: resourceScopes });
      return sendJson(res, 200, { token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME, ext_expires_in: ACCESS_TOKEN_LIFETIME, access_token: access });
    }

    let principal: Principal | undefined;
    let nonce: string | undefined;
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const pending = this.codes.get(code);
      this.codes.delete(code); // single use, whatever happens next
      if (!pending || pending.expires < Date.now()) {
        return oauthError(res, 400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity, or was already redeemed. Send a new interactive authorization request for this user and resource.');
      }
      if (pending.clientId !== clientId || pending.redirectUri !== form.get('redirect_uri')) {
        return oauthError(res, 400, 'invalid_grant', 50148, 'The redirect URI or client does not match the one used to obtain the authorization code.');
      }
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || challenge !== pending.codeChallenge) {
        return oauthError(res, 400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      }
      principal = pending.principal;
      nonce = pending.nonce;
    } else if (grant === 'refresh_token') {
      const objectId = this.tokens.redeemRefreshToken(form.get('refresh_token') ?? '', clientId);
      principal = objectId ? findUser(objectId) : undefined;
      if (!principal) {
        return oauthError(res, 400, 'invalid_grant', 700082, 'The refresh token has expired or is invalid. Sign in again.');
      }
    } else {
      return oauthError(res, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`);
    }

    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: [...resourceScopes, ...scopes.filter((s) => OIDC_SCOPES.has(s.toLowerCase()))].join(' '),
      expires_in: ACCESS_TOKEN_LIFETIME,
      ext_expires_in: ACCESS_TOKEN_LIFETIME,
      // Without a resource scope (a plain sign-in), the token is for the app itself, as Entra ID does for Graph.
      access_token: this.tokens.accessToken({ host, principal, clientId, audience: audience ?? clientId, scopes: resourceScopes }),
      refresh_token: this.tokens.newRefreshToken(principal.objectId, clientId),
      id_token: this.tokens.idToken({ host, principal, clientId, nonce }),
      client_info: clientInfo(principal),
    };
    sendJson(res, 200, body);
  }

  private logout(res: Res, params: URLSearchParams, host: string): void {
    const target = params.get('post_logout_redirect_uri');
    if (target) {
      try {
        if (new URL(target).origin === `https://${host}`) return redirect(res, target);
      } catch {
        /* fall through to the signed-out page */
      }
    }
    send(res, 200, page('Signed out', '<h1>You signed out of your account</h1><p>It is a good idea to close all browser windows.</p>'), htmlHeaders);
  }
}

const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f3f2f1;margin:0;display:grid;place-items:center;min-height:100vh;color:#1b1a19}
main{background:#fff;padding:44px;width:min(440px,90vw);box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{color:#605e5c;margin:0 0 16px}h1{font-size:24px;font-weight:600;margin:0 0 16px}
ul{list-style:none;padding:0;margin:0}li{border-top:1px solid #edebe9}
li form{display:flex;flex-direction:column;padding:8px 0}
button{font:inherit;font-size:16px;text-align:left;background:none;border:0;padding:8px 4px;cursor:pointer;color:#1b1a19}
button:hover,button:focus-visible{background:#edebe9;outline:2px solid #0078d4}
.upn{color:#605e5c;font-size:13px;padding-left:4px}
</style></head><body><main>${body}</main></body></html>`;
}
