import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, noContent, requestsTo, uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, jejuAssets, prosumerUser } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

const owned = jejuAssets.filter((asset) => asset.owner === prosumerUser.id);

function installUserApi() {
  let user = prosumerUser;
  return installApi({
    user: adminUser,
    handlers: {
      '/api/v2_0/user/3': byMethod({
        GET: () => jsonResponse(user),
        PATCH: (_url, init) => {
          user = { ...user, ...JSON.parse(String(init?.body)) };
          return jsonResponse(user);
        },
        DELETE: () => noContent(),
      }),
      '/api/v2_0/user/3/password-reset': byMethod({
        PATCH: () => jsonResponse({ status: 'PROCESSED', message: 'The password of user 3 was reset; they have been sent a link to choose a new one.' }),
      }),
      '/api/v2_0/assets?owner_id=3': () => jsonResponse(owned),
      '/api/v2_0/users': () => jsonResponse([adminUser]),
      '/api/v2_0/user/1': byMethod({
        GET: () => jsonResponse(adminUser),
        DELETE: () => apiError(409, 'CANNOT_DELETE_SELF', 'You cannot delete your own account; another administrator can.'),
      }),
      '/api/v2_0/assets?owner_id=1': () => jsonResponse([]),
    },
  });
}

async function confirmIn(title: string, button: string): Promise<void> {
  const dialog = await screen.findByRole('dialog', { name: title });
  fireEvent.click(within(dialog).getByRole('button', { name: button }));
}

describe('UserPage (admins)', () => {
  it('shows the account with the assets it owns', async () => {
    installUserApi();
    renderApp('/users/3');

    expect(await screen.findByRole('heading', { level: 1, name: 'Account overview for prosumer' })).toBeTruthy();
    const details = screen.getByRole('region', { name: 'Account details' });
    expect(details.textContent).toContain('prosumer@example.com');
    expect(details.textContent).toContain('Europe/Amsterdam');
    expect(details.textContent).toContain('never');
    expect(within(details).getByRole('link', { name: 'Seogwipo battery' }).getAttribute('href')).toBe('/assets/80');
    expect(within(details).getAllByRole('listitem')).toHaveLength(owned.length);
  });

  it('deactivates only after confirmation and says what happened; then offers reactivation', async () => {
    const { fetchMock } = installUserApi();
    renderApp('/users/3');

    fireEvent.click(await screen.findByRole('button', { name: 'Deactivate user' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Deactivate prosumer?' })).getByRole('button', { name: 'Cancel' }));
    expect(requestsTo(fetchMock, '/api/v2_0/user/3', 'PATCH')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Deactivate user' }));
    await confirmIn('Deactivate prosumer?', 'Deactivate');

    expect(await screen.findByText('prosumer was deactivated and can no longer log in.')).toBeTruthy();
    expect(requestsTo(fetchMock, '/api/v2_0/user/3', 'PATCH').map(({ body }) => body)).toEqual([{ active: false }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('region', { name: 'Account details' }).textContent).toContain('ActiveNo');

    fireEvent.click(screen.getByRole('button', { name: 'Reactivate user' }));
    await confirmIn('Reactivate prosumer?', 'Reactivate');
    expect(await screen.findByText('prosumer was reactivated and can log in again.')).toBeTruthy();
  });

  it('resets the password after confirmation and shows the API’s answer', async () => {
    const { fetchMock } = installUserApi();
    renderApp('/users/3');
    fireEvent.click(await screen.findByRole('button', { name: 'Reset password' }));
    await confirmIn('Reset the password of prosumer?', 'Reset password');

    expect(await screen.findByText('The password of user 3 was reset; they have been sent a link to choose a new one.')).toBeTruthy();
    expect(requestsTo(fetchMock, '/api/v2_0/user/3/password-reset', 'PATCH')).toHaveLength(1);
  });

  it('deletes after a confirmation that names what goes with the account, then lists the users with a message', async () => {
    const { fetchMock } = installUserApi();
    const { router } = renderApp('/users/3');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete user' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete user prosumer?' });
    expect(dialog.textContent).toContain(`the ${owned.length} assets they own`);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(requestsTo(fetchMock, '/api/v2_0/user/3', 'DELETE')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete user' }));
    await confirmIn('Delete user prosumer?', 'Delete');

    expect(await screen.findByText('User prosumer was deleted.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/users');
    expect(requestsTo(fetchMock, '/api/v2_0/user/3', 'DELETE')).toHaveLength(1);
  });

  it('shows the refusal when an admin tries to delete their own account', async () => {
    installUserApi();
    renderApp('/users/1');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete user' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete user admin?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('You cannot delete your own account; another administrator can.');
  });
});
