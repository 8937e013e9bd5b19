import { NavLink } from 'react-router-dom';
import { ACCOUNT_NAV_ITEM, MAIN_NAV_ITEMS, type NavItem } from '../navigation';

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

export function MainNav() {
  return (
    <nav className="main-nav" aria-label="Main">
      <div className="main-nav__inner">
        <ul className="main-nav__list">
          {MAIN_NAV_ITEMS.map((item) => (
            <NavEntry key={item.to} item={item} />
          ))}
        </ul>
        <ul className="main-nav__list main-nav__list--account">
          <NavEntry item={ACCOUNT_NAV_ITEM} />
        </ul>
      </div>
    </nav>
  );
}
