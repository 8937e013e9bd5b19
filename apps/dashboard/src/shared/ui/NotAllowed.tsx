import { Link } from 'react-router-dom';
import { PageHeading } from './PageHeading';

/** Shown instead of a page the user may not see: by role, or because the API refused (never a blank page). */
export function NotAllowed({ reason = 'This page is for administrators only.' }: { reason?: string }) {
  return (
    <>
      <PageHeading title="Not allowed" />
      <div className="notice notice--error" role="alert">
        <p className="notice__title">You are not allowed to see this page.</p>
        <p>{reason} If you think you should have access, ask an administrator of the platform.</p>
      </div>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
