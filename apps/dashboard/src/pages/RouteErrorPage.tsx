import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { PageHeading } from '../shared/ui/PageHeading';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) return error.message;
  return 'Unknown error';
}

/** Shown inside the layout when a page fails to render. */
export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <>
      <PageHeading title="Something went wrong">This page could not be displayed.</PageHeading>
      <div className="banner banner--error" role="alert">
        <p>Error: {describe(error)}</p>
      </div>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
