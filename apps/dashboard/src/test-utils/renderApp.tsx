import './jsdomPolyfills';
import { render, type RenderResult } from '@testing-library/react';
import { createMemoryRouter } from 'react-router-dom';
import { App } from '../app/App';
import { appRoutes } from '../app/routes';

/** Renders the full app (providers, layout, routes) at `path`, with an in-memory router. */
export function renderApp(path = '/'): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  return { ...render(<App router={router} />), router };
}
