import { describe, expect, it } from 'vitest';
import { pdfFileName, pdfOptions, slug } from './pdf-file.ts';

const at = Date.UTC(2026, 11, 6, 9, 21, 37);

describe('PDF file names', () => {
  it('say what was printed, about what, and when (UTC, to the minute)', () => {
    expect(pdfFileName({ kind: 'board', department: 'fire' }, 'Fire & Rescue', at)).toBe('polder-board-fire-rescue-2026-12-06T0921Z.pdf');
    expect(pdfFileName({ kind: 'board', department: null }, '', at)).toBe('polder-board-all-departments-2026-12-06T0921Z.pdf');
    expect(pdfFileName({ kind: 'ics214', department: null }, 'All departments', at)).toBe('polder-ics214-all-departments-2026-12-06T0921Z.pdf');
    expect(pdfFileName({ kind: 'aar' }, 'Merewether, 8 June 2007', at)).toBe('polder-after-action-report-merewether-8-june-2007-2026-12-06T0921Z.pdf');
    expect(pdfFileName({ kind: 'alert', alertId: '0193-abc' }, 'Water over the road at Mérewether Public School!', at)).toBe('polder-alert-water-over-the-road-at-merewether-public-school-2026-12-06T0921Z.pdf');
  });

  it('hold no character a file system refuses, and stay short', () => {
    const name = pdfFileName({ kind: 'alert', alertId: 'x' }, '../..\\C:/etc/passwd <>|?*"' + 'x'.repeat(300), at);
    expect(name).toMatch(/^[a-z0-9TZ.-]+$/);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(slug('—  ')).toBe('');
    expect(pdfFileName({ kind: 'alert', alertId: '0193-ABC' }, '***', at)).toBe('polder-alert-0193-abc-2026-12-06T0921Z.pdf');
  });
});

describe('PDF options', () => {
  it('lays a board across the page and forms down it, numbering every page', () => {
    expect(pdfOptions({ kind: 'board', department: null }).landscape).toBe(true);
    expect(pdfOptions({ kind: 'alert', alertId: 'a' }).landscape).toBe(false);
    const ics = pdfOptions({ kind: 'ics214', department: 'fire' });
    expect(ics).toMatchObject({ landscape: false, pageSize: 'A4', displayHeaderFooter: true });
    expect(ics.footerTemplate).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });
});
