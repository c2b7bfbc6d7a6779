import { useMemo, useState } from 'react';
import { noFilters, useBoard } from '../boards/use-board.ts';
import { useAlertsView } from '../data/data-context.tsx';
import { boardTasks, createOpsFeatures, type OpsFeatureCollection } from './ops-features.ts';

/** Open alerts with an area and open tasks with a location, from the window's data layer. The
 * tasks come from the unfiltered board (the one the board panel shows by default, so both share one
 * sync); createOpsFeatures leaves out closed tasks and alerts. */
export function useOpsFeatures(): OpsFeatureCollection {
  const { board } = useBoard(noFilters);
  const { all } = useAlertsView();
  const [opsFeatures] = useState(createOpsFeatures);
  return useMemo(() => opsFeatures(all ?? [], board ? boardTasks(board) : []), [opsFeatures, all, board]);
}
