import { installFetch, jsonResponse, networkError, noContent, uninstallFetch } from '../../test-utils/fetchMock';
import { ApiError, deleteJson, getJson, onSessionExpired, patchJson, postJson } from './http';

afterEach(uninstallFetch);

function lastInit(fetchMock: jest.Mock): RequestInit {
  return fetchMock.mock.calls[fetchMock.mock.calls.length - 1][1] as RequestInit;
}

describe('http', () => {
  it('sends the CSRF header and the session cookie with every unsafe request, and not with GET', async () => {
    const { fetchMock } = installFetch({ '/x': () => jsonResponse({ ok: true }) });

    await postJson('/x', { a: 1 });
    expect(lastInit(fetchMock)).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"a":1}',
      headers: { 'X-Requested-With': 'flexmeasures-dashboard', 'Content-Type': 'application/json' },
    });
    await patchJson('/x', { b: 2 });
    expect(lastInit(fetchMock)).toMatchObject({ method: 'PATCH', headers: { 'X-Requested-With': 'flexmeasures-dashboard' } });
    await deleteJson('/x');
    expect(lastInit(fetchMock)).toMatchObject({ method: 'DELETE', credentials: 'same-origin', headers: { 'X-Requested-With': 'flexmeasures-dashboard' } });

    await getJson('/x');
    expect(lastInit(fetchMock).headers).not.toHaveProperty('X-Requested-With');
    expect(lastInit(fetchMock).credentials).toBe('same-origin');
  });

  it('carries the USEF status, message and 422 field errors', async () => {
    installFetch({
      '/assets': () =>
        jsonResponse({ status: 'UNPROCESSABLE_ENTITY', message: 'Invalid asset: name is required.', errors: { name: ['is required'], latitude: 'must be a number' } }, 422),
    });
    const error = await postJson('/assets', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      statusName: 'UNPROCESSABLE_ENTITY',
      message: 'Invalid asset: name is required.',
      fieldErrors: { name: ['is required'], latitude: ['must be a number'] },
    });
  });

  it('reads Retry-After from a 429', async () => {
    installFetch({ '/api/session': () => jsonResponse({ status: 'TOO_MANY_REQUESTS', message: 'Wait.' }, 429, { 'Retry-After': '90' }) });
    await expect(postJson('/api/session', {})).rejects.toMatchObject({ status: 429, retryAfterSeconds: 90 });
  });

  it('names the path and the status when the answer is not a USEF message, and the network when it fails', async () => {
    installFetch({ '/broken': () => jsonResponse('<html>', 502), '/offline': networkError });
    await expect(getJson('/broken')).rejects.toThrow('/broken answered with HTTP 502.');
    await expect(getJson('/offline')).rejects.toThrow('Could not reach /offline (Failed to fetch). Check your connection and try again.');
  });

  it('returns nothing for 204, and tolerates an unsafe request answered without a body', async () => {
    installFetch({ '/gone': noContent, '/accepted': () => jsonResponse(undefined, 202) });
    await expect(deleteJson('/gone')).resolves.toBeUndefined();
    await expect(postJson('/accepted', {})).resolves.toBeUndefined();
  });

  it('reports an ended session on a 401, except for session calls that expect one', async () => {
    installFetch({ '/api/v2_0/assets': () => jsonResponse({ status: 'UNAUTHORIZED', message: 'Expired.' }, 401) });
    const listener = jest.fn();
    const unsubscribe = onSessionExpired(listener);

    await expect(getJson('/api/v2_0/assets', { reportsExpiredSession: false })).rejects.toMatchObject({ status: 401 });
    expect(listener).not.toHaveBeenCalled();
    await expect(getJson('/api/v2_0/assets')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);

    unsubscribe();
    await expect(getJson('/api/v2_0/assets')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
