/**
 * A failure a person can act on: a stable code, a message that names what went wrong and where, and a
 * remedy. Presenters show `message` and `remedy`, never a stack trace.
 */
export class GrantwiseError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly remedy?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GrantwiseError';
  }

  /** One line for a status, a tree item or a CLI error. */
  get display(): string {
    return this.remedy ? `${this.message} ${this.remedy}` : this.message;
  }
}

export function isGrantwiseError(e: unknown): e is GrantwiseError {
  return e instanceof Error && e.name === 'GrantwiseError' && typeof (e as GrantwiseError).code === 'string';
}

/** Wraps anything thrown into a GrantwiseError without losing the cause. */
export function toGrantwiseError(e: unknown, code = 'unexpected'): GrantwiseError {
  if (isGrantwiseError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new GrantwiseError(code, message, undefined, { cause: e });
}
