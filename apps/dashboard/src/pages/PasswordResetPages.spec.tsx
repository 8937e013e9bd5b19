import { fireEvent, screen } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, requestsTo, uninstallFetch } from '../test-utils/fetchMock';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

describe('ForgotPasswordPage', () => {
  it('always answers that a link is on its way if the address belongs to an account', async () => {
    const { fetchMock } = installApi({
      user: null,
      handlers: { '/api/password-reset/request': byMethod({ POST: () => jsonResponse({ status: 'ACCEPTED', message: 'ok' }, 202) }) },
    });
    renderApp('/forgot-password');
    fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: 'nobody@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));

    expect(await screen.findByText('If the address belongs to an account, a link is on its way. Check your inbox (and your spam folder).')).toBeTruthy();
    expect(requestsTo(fetchMock, '/api/password-reset/request', 'POST').map(({ body }) => body)).toEqual([{ email: 'nobody@example.com' }]);
  });

  it('shows a malformed address next to the field', async () => {
    installApi({
      user: null,
      handlers: {
        '/api/password-reset/request': () =>
          apiError(422, 'UNPROCESSABLE_ENTITY', 'Invalid request: email: email must be an email address', { errors: { email: ['email must be an email address'] } }),
      },
    });
    renderApp('/forgot-password');
    const field = await screen.findByLabelText('Email address');
    fireEvent.change(field, { target: { value: 'not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    await screen.findByRole('alert');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe('email must be an email address');
  });
});

describe('ResetPasswordPage', () => {
  it('sets the new password with the token of the link, then links to log in', async () => {
    const { fetchMock } = installApi({ user: null, handlers: { '/api/password-reset': byMethod({ POST: () => jsonResponse({ status: 'UPDATED', message: 'ok' }) }) } });
    renderApp('/reset-password?token=abc123');
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: 'a new secret' } });
    fireEvent.change(screen.getByLabelText('Repeat password'), { target: { value: 'a new secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Your password has been changed.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Log in with your new password' }).getAttribute('href')).toBe('/login');
    expect(requestsTo(fetchMock, '/api/password-reset', 'POST').map(({ body }) => body)).toEqual([{ token: 'abc123', password: 'a new secret' }]);
  });

  it('refuses two different passwords without calling the API', async () => {
    const { fetchMock } = installApi({ user: null });
    renderApp('/reset-password?token=abc123');
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: 'one' } });
    fireEvent.change(screen.getByLabelText('Repeat password'), { target: { value: 'two' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The two passwords are not the same.');
    expect(screen.getByLabelText('Repeat password').getAttribute('aria-invalid')).toBe('true');
    expect(requestsTo(fetchMock, '/api/password-reset', 'POST')).toHaveLength(0);
  });

  it('offers a new link when the token has expired or was used', async () => {
    installApi({ user: null, handlers: { '/api/password-reset': () => apiError(400, 'INVALID_RESET_TOKEN', 'This reset link has expired or was used already.') } });
    renderApp('/reset-password?token=old');
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('Repeat password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect((await screen.findByRole('alert')).textContent).toContain('This reset link has expired or was used already.');
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe('/forgot-password');
  });

  it('explains an address without a token', async () => {
    installApi({ user: null });
    renderApp('/reset-password');
    expect((await screen.findByRole('alert')).textContent).toMatch(/needs the link from your password reset email/);
  });
});
