export interface NavItem {
  to: string;
  label: string;
  /** Shown to administrators only (the page itself also refuses others). */
  adminOnly?: boolean;
}

/** Main navigation, in display order. */
export const MAIN_NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/assets', label: 'Assets' },
  { to: '/users', label: 'Users', adminOnly: true },
  { to: '/portfolio', label: 'Portfolio' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/upload', label: 'Upload data' },
  { to: '/tasks', label: 'Tasks', adminOnly: true },
];

export const ACCOUNT_NAV_ITEM: NavItem = { to: '/account', label: 'Account' };

export const LOGIN_NAV_ITEM: NavItem = { to: '/login', label: 'Log in' };

/** The items a user sees: admin-only ones only for admins. */
export function navItemsFor(isAdmin: boolean): NavItem[] {
  return MAIN_NAV_ITEMS.filter((item) => isAdmin || item.adminOnly !== true);
}
