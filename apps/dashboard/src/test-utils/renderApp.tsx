import './jsdomPolyfills';
import { configure, render, type RenderResult } from '@testing-library/react';
import { createMemoryRouter } from 'react-router-dom';
import { App } from '../app/App';
import { appRoutes } from '../app/routes';

// Role queries over a whole page are slow in jsdom (~1 s for the first one on a cold module cache).
configure({ asyncUtilTimeout: 5000 });

/** Renders the full app (providers, layout, routes) at `path`, with an in-memory router. */
export function renderApp(path = '/'): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  return { ...render(<App router={router} />), router };
}
