/** Saves text as a file the browser (or the desktop app's download) offers to the person. */
export function downloadText(fileName: string, text: string, type = 'application/xml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The name a CAP message is saved under: its identifier, safe for any file system. */
export const capFileName = (identifier: string) => `cap-${identifier.replace(/[^A-Za-z0-9._-]+/g, '_')}.xml`;

/** One line for a refused CAP import: the file, each reason, and where it is kept. */
export const refusalText = (fileName: string, reasons: readonly string[], rejectedId: number) => `${fileName} refused (kept as refused CAP #${rejectedId}): ${reasons.join('; ')}`;
