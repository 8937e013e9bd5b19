import type { UIMatch } from 'react-router-dom';

/** Data attached to a route via `handle`. */
export interface RouteHandle {
  /** Page title, used for document.title. */
  title: string;
}

function isRouteHandle(handle: unknown): handle is RouteHandle {
  return typeof handle === 'object' && handle !== null && 'title' in handle && typeof handle.title === 'string';
}

/** Title of the deepest matched route that declares one. */
export function findPageTitle(matches: readonly UIMatch[]): string | undefined {
  for (let index = matches.length - 1; index >= 0; index -= 1) {
    const handle = matches[index]?.handle;
    if (isRouteHandle(handle)) return handle.title;
  }
  return undefined;
}
