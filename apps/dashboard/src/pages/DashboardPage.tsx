import { PageHeading } from '../shared/ui/PageHeading';
import { HealthPanel } from './dashboard/HealthPanel';
import { WelcomePanel } from './dashboard/WelcomePanel';

export function DashboardPage() {
  return (
    <>
      <PageHeading title="Dashboard" />
      <div className="panel-grid">
        <WelcomePanel />
        <HealthPanel />
      </div>
    </>
  );
}
