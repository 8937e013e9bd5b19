export interface NavItem {
  to: string;
  label: string;
}

/** Main navigation, in display order. */
export const MAIN_NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/assets', label: 'Assets' },
  { to: '/users', label: 'Users' },
  { to: '/portfolio', label: 'Portfolio' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/upload', label: 'Upload data' },
  { to: '/tasks', label: 'Tasks' },
];

export const ACCOUNT_NAV_ITEM: NavItem = { to: '/account', label: 'Account' };
