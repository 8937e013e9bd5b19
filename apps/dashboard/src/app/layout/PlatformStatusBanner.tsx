import { usePlatform } from '../../shared/platform/usePlatform';

/** Announces loading of the platform info and explains what to do when the API is unreachable. */
export function PlatformStatusBanner() {
  const { state, reload } = usePlatform();

  if (state.status === 'loading') {
    return (
      <div className="banner banner--info" role="status">
        Connecting to the platform…
      </div>
    );
  }

  if (state.status === 'error') {
    return (
      <div className="banner banner--error" role="alert">
        <p className="banner__title">The platform API could not be reached.</p>
        <p>
          Is the platform running? Start it (for example with <code>npm start</code>) and then retry.
        </p>
        <p className="banner__detail">Details: {state.error.message}</p>
        <button type="button" className="button" onClick={reload}>
          Retry
        </button>
      </div>
    );
  }

  return null;
}
