import { describe, expect, it } from 'vitest';
import { pdfOptions } from './pdf-file.ts';
import { createPdfRelay, type PdfToMain } from './pdf-relay.ts';

const request = { fileName: 'polder-board-all-2026-12-06T0921Z.pdf', options: pdfOptions({ kind: 'board', department: null }) };

function relayWithWindows(windows: Record<string, string>) {
  const sent: PdfToMain[] = [];
  const relay = createPdfRelay({ send: (m) => sent.push(m), windowOf: (s) => windows[s] ?? null });
  return { relay, sent };
}

describe('the PDF relay between the services and the main process', () => {
  it("asks main to print the calling session's own window, and settles each call by its own answer", async () => {
    const { relay, sent } = relayWithWindows({ 'session-a': '7', 'session-b': '9' });
    const a = relay.shell.savePdf('session-a', request);
    const b = relay.shell.savePdf('session-b', request);
    expect(sent.map((m) => [m.windowId, m.request.fileName])).toEqual([
      ['7', request.fileName],
      ['9', request.fileName],
    ]);
    relay.settle({ type: 'pdf-saved', requestId: sent[1]!.requestId, path: null, error: null });
    relay.settle({ type: 'pdf-saved', requestId: sent[0]!.requestId, path: '/home/m/board.pdf', error: null });
    await expect(a).resolves.toBe('/home/m/board.pdf');
    await expect(b).resolves.toBeNull();
    expect(relay.size()).toBe(0);
  });

  it('fails a save main could not write with its reason, and one of a session without a window', async () => {
    const { relay, sent } = relayWithWindows({ s: '1' });
    const saving = relay.shell.savePdf('s', request);
    relay.settle({ type: 'pdf-saved', requestId: sent[0]!.requestId, path: null, error: 'EACCES: permission denied' });
    await expect(saving).rejects.toMatchObject({ code: 'unavailable', message: 'The PDF was not saved: EACCES: permission denied' });
    await expect(relay.shell.savePdf('gone', request)).rejects.toMatchObject({ code: 'unavailable' });
    expect(sent).toHaveLength(1);
  });

  it('ignores an answer nobody waits for, and fails what waits when main goes away', async () => {
    const { relay } = relayWithWindows({ s: '1' });
    relay.settle({ type: 'pdf-saved', requestId: 42, path: '/x.pdf', error: null });
    const saving = relay.shell.savePdf('s', request);
    relay.closeAll('The desktop window closed');
    await expect(saving).rejects.toMatchObject({ message: 'The desktop window closed' });
  });
});
