import { describe, expect, it } from 'vitest';
import { mayDo } from '../ops/permissions.ts';
import { requiredRight } from './event-rights.ts';

describe('the rights a receiver re-checks', () => {
  it('takes a crisis-room member for a synced review of public reports, whatever the department it is filed under', () => {
    for (const type of ['alert.report_confirmed', 'alert.report_dismissed']) {
      expect(requiredRight({ type, payload: { summary: '', dept: 'police' } })).toEqual([{ action: 'report.review' }]);
    }
    expect(mayDo({ id: 'eoc-1', name: 'E', department: 'eoc', role: 'member' }, 'report.review')).toBe(true);
    expect(mayDo({ id: 'police-lead', name: 'P', department: 'police', role: 'lead' }, 'report.review')).toBe(false);
    expect(mayDo({ id: 'observer', name: 'O', department: 'eoc', role: 'observer' }, 'report.review')).toBe(false);
  });
});
