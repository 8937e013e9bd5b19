import { useContext } from 'react';
import { DEFAULT_PLATFORM_NAME, PlatformContext, type PlatformResource } from './PlatformContext';

export function usePlatform(): PlatformResource {
  const resource = useContext(PlatformContext);
  if (resource === null) throw new Error('usePlatform() must be used inside <PlatformProvider>.');
  return resource;
}

/** The configured platform name, or the default while loading / when the API is unreachable. */
export function usePlatformName(): string {
  const { state } = usePlatform();
  return state.status === 'success' ? state.data.platformName : DEFAULT_PLATFORM_NAME;
}
