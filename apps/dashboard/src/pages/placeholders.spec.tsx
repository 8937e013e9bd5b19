import { screen } from '@testing-library/react';
import { installFetch, jsonResponse, uninstallFetch } from '../test-utils/fetchMock';
import { platformInfo } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

beforeEach(() => {
  installFetch({ '/api/platform': () => jsonResponse(platformInfo) });
});

afterEach(uninstallFetch);

describe.each([
  ['/assets', 'Assets'],
  ['/users', 'Users'],
  ['/portfolio', 'Portfolio overview'],
  ['/analytics', 'Analytics'],
  ['/upload', 'Upload data'],
  ['/tasks', 'Tasks'],
  ['/account', 'Account'],
  ['/login', 'Log in'],
])('route %s', (path, heading) => {
  it(`renders the "${heading}" placeholder explaining what the page will do`, async () => {
    renderApp(path);
    expect(screen.getByRole('heading', { level: 1, name: heading })).toBeTruthy();
    const placeholder = screen.getByRole('region', { name: 'Coming soon' });
    expect(placeholder.textContent).toMatch(/This page will .+\./);
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });
});
