/** Where a belief came from: a user's data source, or a platform script (forecaster, scheduler). */
export interface BeliefSource {
  readonly id: number;
  readonly name: string;
  readonly type: string;
}

/** The most recent belief about an event; times in ISO 8601 (UTC). */
export interface LatestBelief {
  readonly value: number;
  readonly event_start: string;
  readonly event_end: string;
  readonly belief_time: string;
  readonly source: BeliefSource;
}

/** `GET /api/v2_0/asset/:id/state`: the asset's latest event, in the asset's unit; null when it has no data yet. */
export interface AssetStateResponse {
  readonly asset_id: number;
  readonly unit: string;
  readonly latest: LatestBelief | null;
}
