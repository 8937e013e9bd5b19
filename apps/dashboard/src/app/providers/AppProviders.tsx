import type { ReactNode } from 'react';
import { AuthProvider } from './AuthProvider';
import { PlatformProvider } from './PlatformProvider';

/** Every app-wide context provider, outermost first. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <PlatformProvider>
      <AuthProvider>{children}</AuthProvider>
    </PlatformProvider>
  );
}
