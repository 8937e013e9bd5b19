import { Link } from 'react-router-dom';
import { usePlatform, usePlatformName } from '../../shared/platform/usePlatform';

export function Header() {
  const { state } = usePlatform();
  const platformName = usePlatformName();
  const mode = state.status === 'success' ? state.data.mode : '';

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          {platformName}
        </Link>
        {mode !== '' && <span className="tag site-header__mode">Mode: {mode}</span>}
      </div>
    </header>
  );
}
