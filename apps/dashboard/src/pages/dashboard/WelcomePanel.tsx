import { DATABASE_LABELS, QUEUE_LABELS, type PlatformInfo } from '../../shared/api/platform';
import { usePlatform } from '../../shared/platform/usePlatform';

function PlatformDetails({ info }: { info: PlatformInfo }) {
  return (
    <dl className="details">
      <div>
        <dt>Environment</dt>
        <dd>{info.environment}</dd>
      </div>
      <div>
        <dt>Mode</dt>
        <dd>{info.mode || 'standard'}</dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>{info.timezone}</dd>
      </div>
      <div>
        <dt>Database</dt>
        <dd>{DATABASE_LABELS[info.database]}</dd>
      </div>
      <div>
        <dt>Job queue</dt>
        <dd>{QUEUE_LABELS[info.queue]}</dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>{info.version}</dd>
      </div>
    </dl>
  );
}

export function WelcomePanel() {
  const { state } = usePlatform();

  return (
    <section className="panel" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">
        {state.status === 'success' ? `Welcome to ${state.data.platformName}` : 'Welcome'}
      </h2>
      <p>
        This platform monitors, forecasts and schedules flexible energy assets. The map above shows where the assets are
        and their latest state; the list of asset types shows how many of each are connected.
      </p>
      {state.status === 'success' && <PlatformDetails info={state.data} />}
      {state.status === 'loading' && <p className="muted">Loading platform details…</p>}
      {state.status === 'error' && (
        <p className="muted">Platform details are unavailable until the API can be reached.</p>
      )}
    </section>
  );
}
