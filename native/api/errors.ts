/** Every error that crosses the contract is `{ code, message }` with one of these codes. */
export const errorCodes = [
  'invalid_args',
  'unknown_method',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'illegal_transition',
  'unavailable',
  'storage_full',
  'storage_corrupt',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
}

/** Thrown by handlers; the dispatcher turns it into a WireError. */
export class PolderError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'PolderError';
    this.code = code;
  }
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && (errorCodes as readonly unknown[]).includes(code);
}
