import type { Caller } from '@flexmeasures/assets';
import { AssetsService } from '@flexmeasures/assets';
import type { AssetStateResponse } from '@flexmeasures/contracts';
import type { DataSource } from 'typeorm';
import { LatestStateRepository } from './latest-state.repository';

const MINUTE = 60_000;

export interface AssetStateOptions {
  /**
   * In play mode time is simulated, so any event counts; otherwise the state
   * is the latest event that has ended by now (a schedule or forecast for
   * later is not the asset's state), as the seed's dashboard shows it.
   */
  readonly playMode: boolean;
  readonly now?: () => number;
}

/** The latest state of an asset, for its owner and admins (like the asset itself). */
export class AssetStateService {
  private readonly assets: AssetsService;
  private readonly latest: LatestStateRepository;

  constructor(
    dataSource: DataSource,
    private readonly options: AssetStateOptions,
  ) {
    this.assets = new AssetsService(dataSource);
    this.latest = new LatestStateRepository(dataSource);
  }

  async state(caller: Caller, assetId: number): Promise<AssetStateResponse> {
    const asset = await this.assets.get(caller, assetId);
    const now = this.options.now ?? Date.now;
    const latest = await this.latest.latestBelief({
      sensorId: asset.id,
      resolutionMs: asset.event_resolution * MINUTE,
      endedByMs: this.options.playMode ? undefined : now(),
    });
    return { asset_id: asset.id, unit: asset.unit, latest };
  }
}
