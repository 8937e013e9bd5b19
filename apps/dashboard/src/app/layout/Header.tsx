import { Link } from 'react-router-dom';
import { useOptionalUser } from '../../shared/auth/useAuth';
import { usePlatform, usePlatformName } from '../../shared/platform/usePlatform';

export function Header() {
  const { state } = usePlatform();
  const platformName = usePlatformName();
  const user = useOptionalUser();
  const mode = state.status === 'success' ? state.data.mode : '';

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          {platformName}
        </Link>
        {mode !== '' && <span className="tag site-header__mode">Mode: {mode}</span>}
        {user !== null && (
          <span className="site-header__user">
            Logged in as <strong>{user.username}</strong> ({user.roles.join(', ')})
          </span>
        )}
      </div>
    </header>
  );
}
