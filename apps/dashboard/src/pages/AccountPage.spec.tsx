import { fireEvent, screen, waitFor } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, requestsTo, uninstallFetch } from '../test-utils/fetchMock';
import { jejuAssets, prosumerUser } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.fresh.token';

function installAccountApi() {
  return installApi({
    user: prosumerUser,
    handlers: {
      '/api/session/token': byMethod({ POST: () => jsonResponse({ auth_token: TOKEN, user_id: prosumerUser.id }) }),
      '/api/v2_0/assets?owner_id=3': () => jsonResponse(jejuAssets.filter((asset) => asset.owner === 3)),
      '/api/v2_0/user/3': byMethod({ PATCH: (_url, init) => jsonResponse({ ...prosumerUser, ...JSON.parse(String(init?.body)) }) }),
    },
  });
}

function setClipboard(writeText: ((text: string) => Promise<void>) | undefined): void {
  Object.defineProperty(navigator, 'clipboard', { value: writeText === undefined ? undefined : { writeText }, configurable: true });
}

afterEach(() => {
  uninstallFetch();
  setClipboard(undefined);
});

describe('AccountPage', () => {
  it('makes a fresh API token, shows it read-only and copies it to the clipboard', async () => {
    const { fetchMock } = installAccountApi();
    const writeText = jest.fn(() => Promise.resolve());
    setClipboard(writeText);
    renderApp('/account');

    fireEvent.click(await screen.findByRole('button', { name: 'Make a fresh API token' }));
    const field = (await screen.findByLabelText('API token')) as HTMLInputElement;
    expect(field.value).toBe(TOKEN);
    expect(field.readOnly).toBe(true);
    expect(screen.getByText(/Authorization: <token>/)).toBeTruthy();
    expect(screen.getByText(/expires after a few hours/)).toBeTruthy();
    const [request] = requestsTo(fetchMock, '/api/session/token', 'POST');
    expect(request.init.headers).toMatchObject({ 'X-Requested-With': 'flexmeasures-dashboard' });

    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await screen.findByText('The token was copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(TOKEN);
  });

  it('selects the token for copying by hand where the clipboard is refused', async () => {
    installAccountApi();
    setClipboard(() => Promise.reject(new Error('Permission denied')));
    renderApp('/account');
    fireEvent.click(await screen.findByRole('button', { name: 'Make a fresh API token' }));
    const field = (await screen.findByLabelText('API token')) as HTMLInputElement;

    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));

    expect(await screen.findByText(/press Ctrl\+C/)).toBeTruthy();
    expect(document.activeElement).toBe(field);
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(TOKEN.length);
  });

  it('says why no token could be made', async () => {
    const { handlers } = installAccountApi();
    handlers['/api/session/token'] = () => apiError(403, 'INVALID_SENDER', 'Your account is not active.');
    renderApp('/account');
    fireEvent.click(await screen.findByRole('button', { name: 'Make a fresh API token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No token could be made: Your account is not active.');
    expect(screen.queryByLabelText('API token')).toBeNull();
  });

  it('changes the own time zone, and times are then shown in it', async () => {
    const { fetchMock } = installAccountApi();
    renderApp('/account');
    const select = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;
    expect(select.value).toBe('Europe/Amsterdam');
    expect(select.options.length).toBeGreaterThan(100);

    fireEvent.change(select, { target: { value: 'Asia/Seoul' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save time zone' }));

    expect(await screen.findByText('Your time zone is now Asia/Seoul; times are shown in it.')).toBeTruthy();
    expect(requestsTo(fetchMock, '/api/v2_0/user/3', 'PATCH').map(({ body }) => body)).toEqual([{ timezone: 'Asia/Seoul' }]);
    await waitFor(() => expect(screen.getByText('Time zone', { selector: 'dt' }).nextElementSibling?.textContent).toBe('Asia/Seoul'));
  });
});
