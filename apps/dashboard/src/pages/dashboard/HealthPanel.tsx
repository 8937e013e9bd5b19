import { CHECK_NAMES, type CheckName, type HealthCheck, type ReadinessReport } from '../../shared/api/health';
import { StatusBadge } from '../../shared/ui/StatusBadge';
import { useReadiness } from './useReadiness';

const CHECK_LABELS: Record<CheckName, string> = { database: 'Database', queue: 'Job queue' };

function CheckRow({ name, check }: { name: CheckName; check: HealthCheck }) {
  const up = check.status === 'up';
  return (
    <li className="health-check" data-check={name}>
      <span className="health-check__name">{CHECK_LABELS[name]}</span>
      <StatusBadge tone={up ? 'good' : 'bad'} label={up ? 'Up' : 'Down'} />
      {check.detail !== undefined && <span className="health-check__detail">{check.detail}</span>}
    </li>
  );
}

function ReadinessResult({ report }: { report: ReadinessReport }) {
  const ready = report.status === 'ok';
  return (
    <>
      <p>
        <StatusBadge
          tone={ready ? 'good' : 'bad'}
          label={ready ? 'Ready: all checks passed' : 'Not ready: some checks failed'}
        />
      </p>
      <ul className="health-checks">
        {CHECK_NAMES.map((name) => (
          <CheckRow key={name} name={name} check={report.checks[name]} />
        ))}
      </ul>
    </>
  );
}

export function HealthPanel() {
  const { state, reload } = useReadiness();

  return (
    <section className="panel" aria-labelledby="health-heading" aria-busy={state.status === 'loading'}>
      <h2 id="health-heading">System health</h2>
      {state.status === 'loading' && <p role="status">Checking platform health…</p>}
      {state.status === 'error' && (
        <div className="banner banner--error" role="alert">
          <p>The health check could not be run: {state.error.message}</p>
        </div>
      )}
      {state.status === 'success' && <ReadinessResult report={state.data} />}
      <button type="button" className="button button--secondary" onClick={reload} disabled={state.status === 'loading'}>
        Check again
      </button>
    </section>
  );
}
