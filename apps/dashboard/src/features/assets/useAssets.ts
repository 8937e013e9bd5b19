import { fetchAssets, type Asset } from './assetsApi';
import { useAsyncResource, type AsyncResource } from '../../shared/hooks/useAsyncResource';

/** The caller's assets (admins: all of them). */
export function useAssets(): AsyncResource<Asset[]> {
  return useAsyncResource(fetchAssets);
}
