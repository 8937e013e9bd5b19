import { screen } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, platformInfo } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

beforeEach(() => {
  installApi({ user: adminUser });
});

afterEach(uninstallFetch);

describe.each([
  ['/portfolio', 'Portfolio overview'],
  ['/analytics', 'Analytics'],
  ['/upload', 'Upload data'],
  ['/tasks', 'Tasks'],
])('route %s', (path, heading) => {
  it(`renders the "${heading}" placeholder explaining what the page will do`, async () => {
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    const placeholder = screen.getByRole('region', { name: 'Coming soon' });
    expect(placeholder.textContent).toMatch(/This page will .+\./);
    await screen.findByText(platformInfo.platformName, { selector: 'header a' });
  });
});
