/** One error type for everything Azure answers, as the UI renders it. */
export interface AzureError {
  status?: number;
  code: string;
  message: string;
  target?: string;
}

interface ErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: unknown;
  response?: { bodyAsText?: string | null; status?: number };
}

function fromBody(text: string | null | undefined): { code?: string; message?: string; target?: string } | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; target?: string } };
    return parsed.error;
  } catch {
    return undefined;
  }
}

/** Normalizes an SDK `RestError`, an MSAL error or anything else into an AzureError. */
export function toAzureError(error: unknown): AzureError {
  if (error && typeof error === 'object') {
    const e = error as ErrorLike;
    const body = fromBody(e.response?.bodyAsText);
    const status = e.statusCode ?? e.response?.status;
    const code = body?.code ?? (typeof e.code === 'string' && e.code ? e.code : undefined) ?? (status ? `HTTP${status}` : 'Error');
    const message = body?.message ?? e.message ?? 'The request failed.';
    return { ...(status !== undefined ? { status } : {}), code, message, ...(body?.target ? { target: body.target } : {}) };
  }
  return { code: 'Error', message: String(error) };
}
