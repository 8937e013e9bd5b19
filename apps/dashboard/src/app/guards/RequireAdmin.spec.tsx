import { fireEvent, screen } from '@testing-library/react';
import { installApi } from '../../test-utils/apiMock';
import { apiError, callsTo, uninstallFetch } from '../../test-utils/fetchMock';
import { prosumerUser } from '../../test-utils/fixtures';
import { renderApp } from '../../test-utils/renderApp';

afterEach(uninstallFetch);

describe('pages a prosumer may not see', () => {
  it.each(['/users', '/users/3', '/tasks', '/assets/new'])('%s says "not allowed" with a way back, and asks the API nothing', async (path) => {
    const { fetchMock } = installApi({ user: prosumerUser });
    const { router } = renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
    expect(screen.getByText('You are not allowed to see this page.')).toBeTruthy();
    expect(router.state.location.pathname).toBe(path);
    expect(callsTo(fetchMock, '/api/v2_0/users')).toBe(0);
    expect(callsTo(fetchMock, '/api/v2_0/user/3')).toBe(0);

    fireEvent.click(screen.getByRole('link', { name: 'Go to the dashboard' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
  });

  it('shows "not allowed" when the API refuses an asset of another owner', async () => {
    installApi({
      user: prosumerUser,
      handlers: { '/api/v2_0/asset/99': () => apiError(403, 'INVALID_SENDER', 'This asset belongs to another user.') },
    });
    renderApp('/assets/99');

    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
    expect(screen.getByText(/This asset belongs to another user\./)).toBeTruthy();
  });
});
