import { ComingSoon } from '../shared/ui/ComingSoon';

export function PortfolioPage() {
  return (
    <ComingSoon
      title="Portfolio overview"
      purpose="This page will show results and opportunities for your asset portfolio: energy and flexibility statements, power profile measurements and forecasts, and opportunities to valorise on flexibility."
    />
  );
}
