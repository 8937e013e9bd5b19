import type { ReactNode } from 'react';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-heading">
      <h1>{title}</h1>
      {children !== undefined && <p className="page-heading__lead">{children}</p>}
    </div>
  );
}
