import { ComingSoon } from '../shared/ui/ComingSoon';

export function UploadPage() {
  return (
    <ComingSoon
      title="Upload data"
      purpose="This page will let you upload meter data, price data, weather data and prognoses to the platform."
    />
  );
}
