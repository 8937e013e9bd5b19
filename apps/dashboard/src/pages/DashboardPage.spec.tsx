import { fireEvent, screen, within } from '@testing-library/react';
import { callsTo, installFetch, jsonResponse, networkError, uninstallFetch } from '../test-utils/fetchMock';
import { databaseDownReport, platformInfo, readyReport } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

function healthPanel(): HTMLElement {
  return screen.getByRole('region', { name: 'System health' });
}

/** The status text shown for a check ("Up" / "Down"), located by the check's label. */
function checkStatus(label: string): string {
  const row = checkRow(label);
  const status = within(row).getByText(/^(Up|Down)$/);
  return status.textContent ?? '';
}

function checkRow(label: string): HTMLElement {
  const row = within(healthPanel()).getByText(label).closest('li');
  if (row === null) throw new Error(`No health check row for ${label}`);
  return row;
}

describe('DashboardPage', () => {
  it('welcomes the user with platform name, environment, database and queue mode', async () => {
    installFetch({
      '/api/platform': () => jsonResponse(platformInfo),
      '/api/health/ready': () => jsonResponse(readyReport),
    });
    renderApp('/');

    const welcome = await screen.findByRole('region', { name: `Welcome to ${platformInfo.platformName}` });
    const text = welcome.textContent ?? '';
    expect(text).toContain('staging');
    expect(text).toContain('Embedded database (PGlite)');
    expect(text).toContain('In-process job queue (no Redis)');
    expect(text).toContain('Asia/Seoul');
  });

  it('shows every readiness check as up when the platform is ready', async () => {
    installFetch({
      '/api/platform': () => jsonResponse(platformInfo),
      '/api/health/ready': () => jsonResponse(readyReport),
    });
    renderApp('/');

    expect(await within(healthPanel()).findByText(/Ready: all checks passed/)).toBeTruthy();
    expect(checkStatus('Database')).toBe('Up');
    expect(checkStatus('Job queue')).toBe('Up');
  });

  it('shows the database as down (in text) when readiness answers 503', async () => {
    const { fetchMock, handlers } = installFetch({
      '/api/platform': () => jsonResponse(platformInfo),
      '/api/health/ready': () => jsonResponse(databaseDownReport, 503),
    });
    renderApp('/');

    expect(await within(healthPanel()).findByText(/Not ready/)).toBeTruthy();
    expect(checkStatus('Database')).toBe('Down');
    expect(checkRow('Database').textContent).toContain('ECONNREFUSED');
    expect(checkStatus('Job queue')).toBe('Up');

    handlers['/api/health/ready'] = () => jsonResponse(readyReport);
    fireEvent.click(within(healthPanel()).getByRole('button', { name: 'Check again' }));

    expect(await within(healthPanel()).findByText(/Ready: all checks passed/)).toBeTruthy();
    expect(checkStatus('Database')).toBe('Up');
    expect(callsTo(fetchMock, '/api/health/ready')).toBe(2);
  });

  it('reports a health check that cannot be run, without hiding the welcome panel', async () => {
    installFetch({
      '/api/platform': () => jsonResponse(platformInfo),
      '/api/health/ready': networkError,
    });
    renderApp('/');

    expect(within(healthPanel()).getByRole('status').textContent).toMatch(/checking platform health/i);
    const alert = await within(healthPanel()).findByRole('alert');
    expect(alert.textContent).toMatch(/health check could not be run/i);
    expect(await screen.findByRole('region', { name: `Welcome to ${platformInfo.platformName}` })).toBeTruthy();
  });
});
