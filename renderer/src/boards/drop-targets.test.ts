import { describe, expect, it } from 'vitest';
import { dropTarget, statusDropId, unitDropId } from './drop-targets.ts';

describe('drop targets', () => {
  it('reads back the column and unit ids it makes', () => {
    expect(dropTarget(statusDropId('in_progress'))).toEqual({ kind: 'status', status: 'in_progress' });
    expect(dropTarget(unitDropId('unit-fire-engine-1'))).toEqual({ kind: 'unit', unitId: 'unit-fire-engine-1' });
  });

  it('names nothing for other ids', () => {
    expect(dropTarget('status:flying')).toBeNull();
    expect(dropTarget('unit:')).toBeNull();
    expect(dropTarget('task-1')).toBeNull();
    expect(dropTarget(7)).toBeNull();
    expect(dropTarget(null)).toBeNull();
  });
});
