// Errors with stable codes, so callers (CLI, Slack handlers, tests) branch on `code`, never on text.

export type ErrorCode =
  | "config_invalid"
  | "csv_invalid"
  | "input_invalid"
  | "not_found"
  | "database_unavailable"
  | "database_in_use"
  | "slack_rejected"
  | "slack_not_installed"
  | "slack_unreachable";

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
