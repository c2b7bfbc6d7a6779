import { Dialog } from '../ui/Dialog.tsx';
import { QuarantineList } from './QuarantineList.tsx';

/** Events from other devices that failed their checks: kept, never applied, for an EOC lead to look into. */
export function QuarantineDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Quarantined events" onClose={onClose}>
      <QuarantineList />
    </Dialog>
  );
}
