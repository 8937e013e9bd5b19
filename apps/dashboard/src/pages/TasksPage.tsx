import { ComingSoon } from '../shared/ui/ComingSoon';

export function TasksPage() {
  return (
    <ComingSoon
      title="Tasks"
      purpose="This page will let administrators follow the queues of forecasting and scheduling jobs."
    />
  );
}
