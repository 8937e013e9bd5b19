import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { installApi } from '../../test-utils/apiMock';
import { installFetch, jsonResponse, uninstallFetch } from '../../test-utils/fetchMock';
import { adminUser, platformInfo, prosumerUser } from '../../test-utils/fixtures';
import { renderApp } from '../../test-utils/renderApp';

const ADMIN_NAV = ['Dashboard', 'Assets', 'Users', 'Portfolio', 'Analytics', 'Upload data', 'Tasks', 'Account'];

beforeEach(() => {
  document.title = '';
});

afterEach(uninstallFetch);

function mainNav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Main' });
}

async function navLinks(): Promise<HTMLElement[]> {
  await within(mainNav()).findByRole('link', { name: 'Dashboard' });
  return within(mainNav()).getAllByRole('link');
}

describe('AppLayout', () => {
  it('shows an admin every page in order, marks the current one, and offers logging out', async () => {
    installApi({ user: adminUser });
    renderApp('/portfolio');

    const links = await navLinks();
    expect(links.map((link) => link.textContent)).toEqual(ADMIN_NAV);
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/', '/assets', '/users', '/portfolio', '/analytics', '/upload', '/tasks', '/account',
    ]);
    const current = links.filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.textContent)).toEqual(['Portfolio']);
    expect(within(mainNav()).getByRole('button', { name: 'Log out' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByText('admin', { selector: 'strong' })).toBeTruthy();
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });

  it('hides the admin pages (Users, Tasks) from a prosumer', async () => {
    installApi({ user: prosumerUser });
    renderApp('/');

    const labels = (await navLinks()).map((link) => link.textContent);
    expect(labels).toEqual(['Dashboard', 'Assets', 'Portfolio', 'Analytics', 'Upload data', 'Account']);
    expect(labels).not.toContain('Users');
    expect(labels).not.toContain('Tasks');
  });

  it('shows only "Log in" to someone who is not logged in', async () => {
    installApi({ user: null });
    renderApp('/login');

    const login = await within(mainNav()).findByRole('link', { name: 'Log in' });
    expect(within(mainNav()).getAllByRole('link')).toEqual([login]);
    expect(within(mainNav()).queryByRole('button', { name: 'Log out' })).toBeNull();
  });

  it('marks only Dashboard as current on the home page, and follows navigation', async () => {
    installApi({ user: adminUser });
    const { router } = renderApp('/');
    await navLinks();
    expect(within(mainNav()).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    expect(within(mainNav()).getByRole('link', { name: 'Assets' }).getAttribute('aria-current')).toBeNull();

    fireEvent.click(within(mainNav()).getByRole('link', { name: 'Upload data' }));

    expect(router.state.location.pathname).toBe('/upload');
    expect(within(mainNav()).getByRole('link', { name: 'Upload data' }).getAttribute('aria-current')).toBe('page');
    expect(within(mainNav()).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Upload data' })).toBeTruthy();
    // Focus moves to the main region so screen readers start at the new page.
    expect(document.activeElement).toBe(screen.getByRole('main'));
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });

  it('shows the platform name from /api/platform in the header and the document title', async () => {
    const { fetchMock } = installApi({ user: adminUser });
    renderApp('/assets');

    const banner = screen.getByRole('banner');
    await waitFor(() => expect(within(banner).getByRole('link').textContent).toBe(platformInfo.platformName));
    expect(document.title).toBe(`Assets · ${platformInfo.platformName}`);
    expect(fetchMock).toHaveBeenCalledWith('/api/platform', expect.anything());
  });

  it('shows a loading status until the platform info arrives, then the version in the footer', async () => {
    let resolvePlatform: (response: Response) => void = () => undefined;
    installFetch({
      '/api/platform': () => new Promise<Response>((resolve) => (resolvePlatform = resolve)),
      '/api/whoami': () => jsonResponse(adminUser),
    });
    renderApp('/tasks');

    expect(screen.getByText(/connecting to the platform/i).getAttribute('role')).toBe('status');
    expect(document.title).toBe('Tasks · FlexMeasures');

    await act(async () => resolvePlatform(jsonResponse(platformInfo)));

    expect(screen.queryByText(/connecting to the platform/i)).toBeNull();
    const footer = screen.getByRole('contentinfo');
    expect(footer.textContent).toContain(`version ${platformInfo.version}`);
    expect(footer.textContent).toContain('Dashboard version dev');
  });

  it('offers a skip link that moves focus to the main landmark', async () => {
    installApi({ user: adminUser });
    renderApp('/users');
    const skipLink = screen.getByRole('link', { name: 'Skip to main content' });
    const main = screen.getByRole('main');
    expect(skipLink.getAttribute('href')).toBe(`#${main.id}`);

    fireEvent.click(skipLink);

    expect(document.activeElement).toBe(main);
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });
});
