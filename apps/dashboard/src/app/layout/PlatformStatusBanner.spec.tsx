import { fireEvent, screen, within } from '@testing-library/react';
import { callsTo, installFetch, jsonResponse, networkError, uninstallFetch } from '../../test-utils/fetchMock';
import { platformInfo } from '../../test-utils/fixtures';
import { renderApp } from '../../test-utils/renderApp';

afterEach(uninstallFetch);

describe('platform API failure', () => {
  it('shows an alert with a Retry button, keeps the navigation, and recovers on retry', async () => {
    const { fetchMock, handlers } = installFetch({ '/api/platform': networkError });
    renderApp('/analytics');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/could not be reached/i);
    expect(alert.textContent).toMatch(/is the platform running\?/i);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getAllByRole('link')).toHaveLength(8);
    expect(screen.getByRole('heading', { level: 1, name: 'Analytics' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByRole('link').textContent).toBe('FlexMeasures');

    handlers['/api/platform'] = () => jsonResponse(platformInfo);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText(platformInfo.platformName, { selector: 'header a' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsTo(fetchMock, '/api/platform')).toBe(2);
    expect(document.title).toBe(`Analytics · ${platformInfo.platformName}`);
  });

  it('treats an HTTP error or a malformed body as unreachable', async () => {
    const { handlers } = installFetch({ '/api/platform': () => jsonResponse({ message: 'boom' }, 500) });
    renderApp('/users');
    expect((await screen.findByRole('alert')).textContent).toContain('HTTP 500');

    handlers['/api/platform'] = () => jsonResponse({ platformName: 'Half a body' });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findByRole('alert')).textContent).toContain('platform.version is not a string');
  });
});
