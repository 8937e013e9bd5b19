import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, platformInfo } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

beforeEach(() => {
  installApi({ user: adminUser });
});

afterEach(uninstallFetch);

describe('NotFoundPage', () => {
  it('is shown for unknown routes, inside the layout, with a link home', async () => {
    const { router } = renderApp('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain('/no/such/page');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryAllByRole('link').filter((link) => link.hasAttribute('aria-current'))).toHaveLength(0);

    const home = within(screen.getByRole('main')).getByRole('link', { name: 'Go to the dashboard' });
    expect(home.getAttribute('href')).toBe('/');
    fireEvent.click(home);

    expect(router.state.location.pathname).toBe('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });
});
