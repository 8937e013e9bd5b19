import { createContext } from 'react';
import type { PlatformInfo } from '../api/platform';
import type { AsyncResource } from '../hooks/useAsyncResource';

/** Shown until (or when) the API tells us the configured platform name. */
export const DEFAULT_PLATFORM_NAME = 'FlexMeasures';

export type PlatformResource = AsyncResource<PlatformInfo>;

export const PlatformContext = createContext<PlatformResource | null>(null);
