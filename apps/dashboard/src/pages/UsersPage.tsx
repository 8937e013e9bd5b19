import { ComingSoon } from '../shared/ui/ComingSoon';

export function UsersPage() {
  return (
    <ComingSoon
      title="Users"
      purpose="This page will list all users with their roles, time zone and last login, and let administrators view, deactivate or delete user accounts."
    />
  );
}
