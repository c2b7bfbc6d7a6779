export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, detail?: unknown): void;
}

/** Writes to stderr so stdout stays clean for a command's own output. */
export function stderrLogger(prefix = 'polder'): Logger {
  const line = (level: string, message: string) => process.stderr.write(`${prefix} ${level}: ${message}\n`);
  return {
    info: (message) => line('info', message),
    warn: (message) => line('warn', message),
    error: (message, detail) => line('error', detail instanceof Error ? `${message}: ${detail.stack ?? detail.message}` : message),
  };
}

export function silentLogger(): Logger {
  return { info: () => {}, warn: () => {}, error: () => {} };
}
