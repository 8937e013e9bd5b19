import { useId } from 'react';
import { PageHeading } from './PageHeading';

export interface ComingSoonProps {
  title: string;
  /** One sentence on what this page will do. */
  purpose: string;
}

/** Placeholder for a page that is routed and linked, but not built yet. */
export function ComingSoon({ title, purpose }: ComingSoonProps) {
  const headingId = useId();
  return (
    <>
      <PageHeading title={title} />
      <section className="panel panel--placeholder" aria-labelledby={headingId}>
        <h2 id={headingId}>Coming soon</h2>
        <p>{purpose}</p>
      </section>
    </>
  );
}
