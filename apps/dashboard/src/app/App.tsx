import { RouterProvider } from 'react-router-dom';
import { AppProviders } from './providers/AppProviders';
import type { AppRouter } from './router';

/** The whole app for a given router (browser router in main.tsx, memory router in tests). */
export function App({ router }: { router: AppRouter }) {
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
