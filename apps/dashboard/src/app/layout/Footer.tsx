import { APP_VERSION } from '../../shared/appVersion';
import { usePlatform, usePlatformName } from '../../shared/platform/usePlatform';

export function Footer() {
  const { state } = usePlatform();
  const platformName = usePlatformName();

  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        {state.status === 'success' ? (
          <span>
            {platformName} version {state.data.version} ({state.data.environment})
          </span>
        ) : (
          <span>{platformName} version unknown</span>
        )}
        <span>Dashboard version {APP_VERSION}</span>
      </div>
    </footer>
  );
}
