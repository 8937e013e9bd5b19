import { fireEvent, screen, within } from '@testing-library/react';
import { callsTo, installFetch, jsonResponse, networkError, uninstallFetch } from '../../test-utils/fetchMock';
import { adminUser, platformInfo } from '../../test-utils/fixtures';
import { renderApp } from '../../test-utils/renderApp';

afterEach(uninstallFetch);

function platformAlert(): Promise<HTMLElement> {
  return screen.findByText(/could not be reached/i).then((title) => {
    const alert = title.closest<HTMLElement>('[role="alert"]');
    if (alert === null) throw new Error('The message is not in an alert.');
    return alert;
  });
}

describe('platform API failure', () => {
  it('shows an alert with a Retry button, keeps the navigation, and recovers on retry', async () => {
    const { fetchMock, handlers } = installFetch({ '/api/platform': networkError, '/api/whoami': () => jsonResponse(adminUser) });
    renderApp('/analytics');

    const alert = await platformAlert();
    expect(alert.textContent).toMatch(/is the platform running\?/i);
    expect(await within(screen.getByRole('navigation', { name: 'Main' })).findAllByRole('link')).toHaveLength(8);
    expect(screen.getByRole('heading', { level: 1, name: 'Analytics' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByRole('link').textContent).toBe('FlexMeasures');

    handlers['/api/platform'] = () => jsonResponse(platformInfo);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText(platformInfo.platformName, { selector: 'header a' })).toBeTruthy();
    expect(screen.queryByText(/could not be reached/i)).toBeNull();
    expect(callsTo(fetchMock, '/api/platform')).toBe(2);
    expect(document.title).toBe(`Analytics · ${platformInfo.platformName}`);
  });

  it('treats an HTTP error or a malformed body as unreachable', async () => {
    const { handlers } = installFetch({ '/api/platform': () => jsonResponse({ message: 'boom' }, 500), '/api/whoami': () => jsonResponse(adminUser) });
    renderApp('/users');
    expect((await platformAlert()).textContent).toContain('HTTP 500');

    handlers['/api/platform'] = () => jsonResponse({ platformName: 'Half a body' });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await platformAlert()).textContent).toContain('platform.version is not a string');
  });
});
