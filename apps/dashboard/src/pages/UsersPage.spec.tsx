import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { callsTo, jsonResponse, uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, prosumerUser } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

const retired = { ...prosumerUser, id: 9, username: 'retired', email: 'retired@example.com', active: false };

describe('UsersPage (admins)', () => {
  it('lists users with roles, time zone and last login in the viewer’s zone; inactive ones on request', async () => {
    const { fetchMock } = installApi({
      user: adminUser,
      handlers: {
        '/api/v2_0/users': () => jsonResponse([adminUser, prosumerUser]),
        '/api/v2_0/users?include_inactive=true': () => jsonResponse([adminUser, prosumerUser, retired]),
      },
    });
    renderApp('/users');

    const admin = (await screen.findByRole('link', { name: 'admin' })).closest('tr') as HTMLElement;
    // 06:35 UTC is 15:35 in Seoul, the admin's own zone.
    expect(within(admin).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'admin', 'admin@example.com', 'admin', 'Asia/Seoul', '8 Oct 2020, 15:35', '✓ Active',
    ]);
    expect(screen.queryByRole('link', { name: 'retired' })).toBeNull();
    expect(screen.getByRole('link', { name: 'prosumer' }).getAttribute('href')).toBe('/users/3');

    fireEvent.click(screen.getByLabelText('Include inactive users'));

    const row = (await screen.findByRole('link', { name: 'retired' })).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Inactive');
    expect(row.textContent).toContain('never');
    expect(callsTo(fetchMock, '/api/v2_0/users?include_inactive=true')).toBe(1);
  });
});
