import { describe, expect, it } from 'vitest';
import { toAzureError } from './armError';

describe('toAzureError', () => {
  it('takes code, message and target from an ARM error body', () => {
    const restError = {
      name: 'RestError', statusCode: 403, code: 'AuthorizationFailed', message: 'short',
      response: { status: 403, bodyAsText: JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client ... does not have authorization', target: 'x' } }) },
    };
    expect(toAzureError(restError)).toEqual({ status: 403, code: 'AuthorizationFailed', message: 'The client ... does not have authorization', target: 'x' });
  });

  it('falls back to the error code and message without a body', () => {
    expect(toAzureError({ statusCode: 503, code: 'REQUEST_SEND_ERROR', message: 'socket hang up' })).toEqual({
      status: 503, code: 'REQUEST_SEND_ERROR', message: 'socket hang up',
    });
  });

  it('names the HTTP status when there is no code', () => {
    expect(toAzureError({ statusCode: 502, message: 'Bad gateway', response: { bodyAsText: '<html>' } })).toMatchObject({ code: 'HTTP502' });
  });

  it('handles non-objects', () => {
    expect(toAzureError('boom')).toEqual({ code: 'Error', message: 'boom' });
    expect(toAzureError(undefined)).toEqual({ code: 'Error', message: 'undefined' });
  });
});
