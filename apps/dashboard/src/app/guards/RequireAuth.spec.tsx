import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, networkError, uninstallFetch } from '../../test-utils/fetchMock';
import { adminUser, platformInfo, prosumerUser } from '../../test-utils/fixtures';
import { renderApp } from '../../test-utils/renderApp';

afterEach(uninstallFetch);

async function logInAs(email: string, password: string): Promise<void> {
  fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login guard', () => {
  it('sends someone who is not logged in to /login, and back to the page they wanted afterwards', async () => {
    installApi({
      user: null,
      handlers: { '/api/session': byMethod({ POST: () => jsonResponse({ user: adminUser }) }) },
    });
    const { router } = renderApp('/assets?q=battery');

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');

    await logInAs('admin@example.com', 'secret');

    expect(await screen.findByRole('heading', { level: 1, name: 'Assets' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/assets');
    expect(router.state.location.search).toBe('?q=battery');
  });

  it('says it is checking the session while whoami is on its way, and shows no page yet', async () => {
    installApi({ user: adminUser, handlers: { '/api/whoami': () => new Promise<Response>(() => undefined) } });
    renderApp('/account');

    expect(screen.getByText('Checking whether you are logged in…').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('heading', { level: 1, name: 'Account' })).toBeNull();
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });

  it('offers to try again when the session cannot be checked, instead of pretending nobody is logged in', async () => {
    const { handlers, fetchMock } = installApi({ user: adminUser, handlers: { '/api/whoami': networkError } });
    const { router } = renderApp('/account');

    const alert = (await screen.findByText('We could not check whether you are logged in.')).closest<HTMLElement>('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(router.state.location.pathname).toBe('/account');

    handlers['/api/whoami'] = () => jsonResponse(prosumerUser);
    fireEvent.click(within(alert as HTMLElement).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Account' })).toBeTruthy();
    expect(fetchMock.mock.calls.filter(([path]) => path === '/api/whoami')).toHaveLength(2);
  });

  it('sends the user to /login with an explanation when the session ends while using the dashboard', async () => {
    const { handlers } = installApi({ user: adminUser });
    const { router } = renderApp('/users');
    handlers['/api/v2_0/users'] = () => apiError(401, 'UNAUTHORIZED', 'Your session has expired.');

    expect(await screen.findByText('Your session has ended. Log in again to continue where you were.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('logs out from the navigation and shows the login page', async () => {
    const { fetchMock } = installApi({ user: prosumerUser, handlers: { '/api/session': byMethod({ DELETE: () => jsonResponse(undefined, 204) }) } });
    const { router } = renderApp('/');

    fireEvent.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByText('You have been logged out.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    const logout = fetchMock.mock.calls.find(([path, init]) => path === '/api/session' && init?.method === 'DELETE');
    expect(logout?.[1]?.headers).toMatchObject({ 'X-Requested-With': 'flexmeasures-dashboard' });
    expect(screen.queryByRole('button', { name: 'Log out' })).toBeNull();
  });
});
