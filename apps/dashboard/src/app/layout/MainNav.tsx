import { NavLink } from 'react-router-dom';
import { useAuth, useIsAdmin } from '../../shared/auth/useAuth';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { ACCOUNT_NAV_ITEM, LOGIN_NAV_ITEM, navItemsFor, type NavItem } from '../navigation';

function navLinkClass({ isActive }: { isActive: boolean }): string {
  return isActive ? 'main-nav__link main-nav__link--active' : 'main-nav__link';
}

function NavEntry({ item }: { item: NavItem }) {
  // NavLink sets aria-current="page" on the active link; `end` keeps "/" from matching every page.
  return (
    <li>
      <NavLink to={item.to} end={item.to === '/'} className={navLinkClass}>
        {item.label}
      </NavLink>
    </li>
  );
}

function LogOutButton() {
  const { logOut } = useAuth();
  const { run, busy, error } = useAsyncAction(logOut);

  return (
    <li className="main-nav__logout">
      <button type="button" className="main-nav__button" onClick={() => void run()} disabled={busy}>
        Log out
      </button>
      {error !== null && (
        <span className="main-nav__error" role="alert">
          Logging out failed: {error} Try again.
        </span>
      )}
    </li>
  );
}

/** The main navigation: role-aware pages for a logged-in user, else only "Log in". */
export function MainNav() {
  const { state } = useAuth();
  const isAdmin = useIsAdmin();
  const loggedIn = state.status === 'authenticated';

  return (
    <nav className="main-nav" aria-label="Main">
      <div className="main-nav__inner">
        <ul className="main-nav__list">
          {loggedIn && navItemsFor(isAdmin).map((item) => <NavEntry key={item.to} item={item} />)}
        </ul>
        <ul className="main-nav__list main-nav__list--account" aria-label="Account">
          {loggedIn ? (
            <>
              <NavEntry item={ACCOUNT_NAV_ITEM} />
              <LogOutButton />
            </>
          ) : (
            state.status === 'anonymous' && <NavEntry item={LOGIN_NAV_ITEM} />
          )}
        </ul>
      </div>
    </nav>
  );
}
