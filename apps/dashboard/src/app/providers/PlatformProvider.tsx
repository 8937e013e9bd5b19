import type { ReactNode } from 'react';
import { fetchPlatformInfo } from '../../shared/api/platform';
import { useAsyncResource } from '../../shared/hooks/useAsyncResource';
import { PlatformContext } from '../../shared/platform/PlatformContext';

export function PlatformProvider({ children }: { children: ReactNode }) {
  const resource = useAsyncResource(fetchPlatformInfo);
  return <PlatformContext.Provider value={resource}>{children}</PlatformContext.Provider>;
}
