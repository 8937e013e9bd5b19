import { ComingSoon } from '../shared/ui/ComingSoon';

export function LoginPage() {
  return (
    <ComingSoon
      title="Log in"
      purpose="This page will let you sign in with your user account to use the platform."
    />
  );
}
