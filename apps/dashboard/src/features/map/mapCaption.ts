import { formatLocation } from '../../shared/format/numbers';
import type { LatLng } from './projection';

/** The line under a map that says how to use it and what it shows. */
export function mapCaption(picking: boolean, picked: LatLng | null, total: number, inView = total): string {
  if (picking) {
    const where = picked === null ? 'No location set yet.' : `Location: ${formatLocation(picked.lat, picked.lng)}.`;
    return `Click the map to set the location, or type the latitude and longitude. ${where}`;
  }
  const counted = inView === total ? `${total}` : `${inView} of ${total}`;
  return `${counted} ${total === 1 ? 'asset' : 'assets'} on the map. Select an asset to see its latest state.`;
}
