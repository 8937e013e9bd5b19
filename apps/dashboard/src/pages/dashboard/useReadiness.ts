import { fetchReadiness, type ReadinessReport } from '../../shared/api/health';
import { useAsyncResource, type AsyncResource } from '../../shared/hooks/useAsyncResource';

export function useReadiness(): AsyncResource<ReadinessReport> {
  return useAsyncResource(fetchReadiness);
}
