import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { installFetch, jsonResponse, uninstallFetch } from '../../test-utils/fetchMock';
import { platformInfo, readyReport } from '../../test-utils/fixtures';
import { renderApp } from '../../test-utils/renderApp';

const EXPECTED_NAV = ['Dashboard', 'Assets', 'Users', 'Portfolio', 'Analytics', 'Upload data', 'Tasks', 'Account'];

beforeEach(() => {
  installFetch({
    '/api/platform': () => jsonResponse(platformInfo),
    '/api/health/ready': () => jsonResponse(readyReport),
  });
  document.title = '';
});

afterEach(uninstallFetch);

function mainNav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Main' });
}

describe('AppLayout', () => {
  it('renders the navigation links in order and marks the current page', async () => {
    renderApp('/portfolio');

    const links = within(mainNav()).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(EXPECTED_NAV);
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/', '/assets', '/users', '/portfolio', '/analytics', '/upload', '/tasks', '/account',
    ]);

    const current = links.filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.textContent)).toEqual(['Portfolio']);
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });

  it('marks only Dashboard as current on the home page, and follows navigation', async () => {
    const { router } = renderApp('/');
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
    renderApp('/assets');

    const banner = screen.getByRole('banner');
    await waitFor(() => expect(within(banner).getByRole('link').textContent).toBe(platformInfo.platformName));
    expect(document.title).toBe(`Assets · ${platformInfo.platformName}`);
    expect(globalThis.fetch).toHaveBeenCalledWith('/api/platform', expect.anything());
  });

  it('shows a loading status until the platform info arrives, then the version in the footer', async () => {
    let resolvePlatform: (response: Response) => void = () => undefined;
    installFetch({
      '/api/platform': () => new Promise<Response>((resolve) => (resolvePlatform = resolve)),
    });
    renderApp('/tasks');

    expect(screen.getByRole('status').textContent).toMatch(/connecting to the platform/i);
    expect(document.title).toBe('Tasks · FlexMeasures');

    await act(async () => resolvePlatform(jsonResponse(platformInfo)));

    expect(screen.queryByRole('status')).toBeNull();
    const footer = screen.getByRole('contentinfo');
    expect(footer.textContent).toContain(`version ${platformInfo.version}`);
    expect(footer.textContent).toContain('Dashboard version dev');
  });

  it('offers a skip link that moves focus to the main landmark', async () => {
    renderApp('/users');
    const skipLink = screen.getByRole('link', { name: 'Skip to main content' });
    const main = screen.getByRole('main');
    expect(skipLink.getAttribute('href')).toBe(`#${main.id}`);

    fireEvent.click(skipLink);

    expect(document.activeElement).toBe(main);
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });
});
