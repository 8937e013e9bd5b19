import { Link, useLocation } from 'react-router-dom';
import { PageHeading } from '../shared/ui/PageHeading';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeading title="Page not found">
        There is no page at <code>{pathname}</code>. Check the address, or use the navigation above.
      </PageHeading>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
