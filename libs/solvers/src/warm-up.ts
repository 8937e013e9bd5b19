import { buildStorageModel, LinearProgram } from '@flexmeasures/domain';

/**
 * A day of quarter-hours for a lossy battery with some negative prices, so
 * the model is a MILP (binaries in those slots) — solving it once lets V8 tier
 * up the solver's WASM before real work arrives.
 */
export function warmUpProgram(): LinearProgram {
  const slots = 96;
  const prices = Array.from({ length: slots }, (_, t) => Math.round(40 + 35 * Math.sin((2 * Math.PI * t) / slots) - (t % 17 === 0 ? 80 : 0)));
  return buildStorageModel({
    deviceType: 'battery',
    slots,
    resolutionHours: 0.25,
    prices,
    capacityMw: 1,
    socStartMwh: 1,
    socMinMwh: 0,
    socMaxMwh: 2,
    chargingEfficiency: 0.95,
    dischargingEfficiency: 0.95,
    targets: [{ slot: slots - 1, socMwh: 1 }],
  }).lp;
}
