import { ComingSoon } from '../shared/ui/ComingSoon';

export function AssetsPage() {
  return (
    <ComingSoon
      title="Assets"
      purpose="This page will list all assets with their location, capacity and resolution, and let administrators create, edit and delete them."
    />
  );
}
