import { ComingSoon } from '../shared/ui/ComingSoon';

export function AccountPage() {
  return (
    <ComingSoon
      title="Account"
      purpose="This page will show your account overview (email address, time zone, last login, assets owned and roles) and let you reset your password."
    />
  );
}
