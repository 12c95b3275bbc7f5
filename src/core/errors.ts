// Errors with stable codes, so callers (CLI, Slack handlers, tests) branch on `code`, never on text.

export type ErrorCode =
  | "config_invalid"
  | "csv_invalid"
  | "input_invalid"
  | "not_found"
  | "already_done"
  | "database_unavailable"
  | "database_in_use"
  | "slack_rejected"
  | "slack_not_installed"
  | "slack_unreachable"
  | "targets_missed";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);

/** One line about any error, without query parameters (they can hold contact details) or tokens. */
export function describeError(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  const failure = error as { name?: string; message?: string; query?: string; cause?: { message?: string } };
  if (failure.query !== undefined)
    return `database query failed: ${failure.cause?.message ?? "unknown cause"}`;
  return `${failure.name ?? "Error"}: ${(failure.message ?? String(error)).replace(/xox[a-z]-[\w-]+/g, "xox…")}`;
}
