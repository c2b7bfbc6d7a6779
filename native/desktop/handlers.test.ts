import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock/clock.ts';
import { createDesktopHandlers } from './handlers.ts';
import type { PdfRequest } from './pdf-file.ts';

const ctx = { session: { id: 's1', actorId: 'eoc-lead' } };
const clock = manualClock(Date.UTC(2007, 5, 8, 12, 5), 'exercise');

describe('desktop.savePdf', () => {
  it("asks the desktop shell for the calling session's PDF, named for the job at the app's time", async () => {
    const asked: [string, PdfRequest][] = [];
    const handlers = createDesktopHandlers({ shell: { savePdf: async (id, request) => (asked.push([id, request]), '/papers/board.pdf') }, clock });
    expect(await handlers['desktop.savePdf']({ job: { kind: 'board', department: 'fire' }, label: 'Fire' }, ctx)).toEqual({ path: '/papers/board.pdf' });
    expect(asked[0]![0]).toBe('s1');
    expect(asked[0]![1]).toMatchObject({ fileName: 'polder-board-fire-2007-06-08T1205Z.pdf', options: { landscape: true } });
  });

  it('in a browser, says where PDFs come from there', async () => {
    const handlers = createDesktopHandlers({ shell: null, clock });
    await expect(handlers['desktop.savePdf']({ job: { kind: 'alert', alertId: 'a' }, label: '' }, ctx)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('choose "Save as PDF"') });
  });
});
