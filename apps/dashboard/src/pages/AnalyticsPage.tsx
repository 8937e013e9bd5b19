import { ComingSoon } from '../shared/ui/ComingSoon';

export function AnalyticsPage() {
  return (
    <ComingSoon
      title="Analytics"
      purpose="This page will show the data relevant to an asset's operation (production and consumption, market prices and weather) with forecasts and metrics such as MAE and WAPE."
    />
  );
}
