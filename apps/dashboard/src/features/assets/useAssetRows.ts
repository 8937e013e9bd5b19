import { useCallback } from 'react';
import { orFallback } from '../../shared/api/http';
import type { UserResponse } from '../../shared/api/users';
import { useCurrentUser, useIsAdmin } from '../../shared/auth/useAuth';
import { useAsyncResource, type AsyncResource } from '../../shared/hooks/useAsyncResource';
import { fetchUsers } from '../users/usersApi';
import type { AssetRow } from './assetTable';
import { fetchAssets, fetchEntityAddresses } from './assetsApi';

export function ownerNameFor(ownerId: number, users: readonly Pick<UserResponse, 'id' | 'username'>[]): string {
  return users.find((user) => user.id === ownerId)?.username ?? `User ${ownerId}`;
}

/** The assets list's rows: assets with their owner's name and entity address. */
export function useAssetRows(): AsyncResource<AssetRow[]> {
  const me = useCurrentUser();
  const isAdmin = useIsAdmin();
  const load = useCallback(
    async (signal: AbortSignal) => {
      // Owner names and entity addresses are extra columns: without them the list still shows.
      const [assets, addresses, users] = await Promise.all([
        fetchAssets(signal),
        orFallback(fetchEntityAddresses(signal), new Map<number, string>()),
        isAdmin ? orFallback(fetchUsers(true, signal), [me]) : Promise.resolve([me]),
      ]);
      return assets.map((asset) => ({ asset, ownerName: ownerNameFor(asset.owner, users), entityAddress: addresses.get(asset.id) ?? null }));
    },
    [isAdmin, me],
  );
  return useAsyncResource(load);
}
