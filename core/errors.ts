/**
 * The one error type that crosses every boundary (IPC, HTTP bridge, CLI). The code is for programs,
 * the message is for people: it names the file or value at fault and the reason.
 */
export const errorCodes = [
  'invalid-input',
  'not-found',
  'forbidden',
  'unsupported',
  'bad-data',
  'io',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
}

export class DelineateError extends Error {
  override readonly name = 'DelineateError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): DelineateError {
    return new DelineateError(wire.code, wire.message);
  }
}

/** Any thrown value as a wire error; unknown errors keep their message but are marked internal. */
export function toWireError(error: unknown): WireError {
  if (error instanceof DelineateError) return error.toWire();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
