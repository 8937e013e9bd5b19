import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, requestsTo, uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, platformInfo } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

function fillIn(email: string, password: string): void {
  fireEvent.change(screen.getByLabelText('Email address'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
}

async function submitLogin(): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  return screen.findByRole('alert');
}

describe('LoginPage', () => {
  it('posts the credentials with the dashboard header, and opens the dashboard', async () => {
    const { fetchMock } = installApi({ user: null, handlers: { '/api/session': byMethod({ POST: () => jsonResponse({ user: adminUser }) }) } });
    const { router } = renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Log in' });

    fillIn(' admin@example.com ', 'secret');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    const [login] = requestsTo(fetchMock, '/api/session', 'POST');
    expect(login.body).toEqual({ email: 'admin@example.com', password: 'secret' });
    expect(login.init.headers).toMatchObject({ 'X-Requested-With': 'flexmeasures-dashboard', 'Content-Type': 'application/json' });
    expect(login.init.credentials).toBe('same-origin');
  });

  it('says plainly when email or password is wrong, and keeps the user on the page', async () => {
    installApi({ user: null, handlers: { '/api/session': () => apiError(401, 'UNAUTHORIZED', 'Wrong email or password.') } });
    const { router } = renderApp('/login');
    await screen.findByLabelText('Email address');
    fillIn('admin@example.com', 'wrong');

    const alert = await submitLogin();
    expect(alert.textContent).toBe('The email address or password is not right. Check both and try again, or reset your password.');
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });

  it('tells how long to wait when login attempts are rate limited', async () => {
    installApi({
      user: null,
      handlers: { '/api/session': () => apiError(429, 'TOO_MANY_REQUESTS', 'Too many attempts; try again in 840 s.', {}, { 'Retry-After': '840' }) },
    });
    renderApp('/login');
    await screen.findByLabelText('Email address');
    fillIn('admin@example.com', 'guess');

    expect((await submitLogin()).textContent).toBe('Too many login attempts. Wait 14 minutes and try again.');
  });

  it('asks for the missing fields without calling the API', async () => {
    const { fetchMock } = installApi({ user: null });
    renderApp('/login');
    await screen.findByLabelText('Email address');

    const alert = await submitLogin();
    expect(alert.textContent).toBe('Enter your email address and password.');
    const email = screen.getByLabelText('Email address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Enter your email address.');
    expect(requestsTo(fetchMock, '/api/session', 'POST')).toHaveLength(0);
  });

  it('shows the demo account in demo mode and fills it in on request', async () => {
    installApi({
      user: null,
      handlers: { '/api/platform': () => jsonResponse({ ...platformInfo, mode: 'demo', demoCredentials: { email: 'demo@seita.nl', password: 'flexdemo' } }) },
    });
    renderApp('/login');

    const demo = await screen.findByRole('region', { name: 'Try the demo' });
    expect(demo.textContent).toContain('demo@seita.nl');
    expect(demo.textContent).toContain('flexdemo');
    fireEvent.click(within(demo).getByRole('button', { name: 'Fill in the demo account' }));
    expect((screen.getByLabelText('Email address') as HTMLInputElement).value).toBe('demo@seita.nl');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('flexdemo');
  });

  it('shows no demo account outside demo mode', async () => {
    installApi({ user: null });
    renderApp('/login');
    await screen.findByLabelText('Email address');
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
    expect(screen.queryByRole('region', { name: 'Try the demo' })).toBeNull();
  });
});
