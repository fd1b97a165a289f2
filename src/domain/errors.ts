// Errors are values with a stable code, a message for the user (Vietnamese first) and, for
// validation, the list of fields with their reasons. The HTTP layer maps them to status codes.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'CONFIG'
  | 'DATABASE_UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[], message = 'Dữ liệu không hợp lệ') {
    super('VALIDATION', message, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', `Không tìm thấy ${what}`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này') {
    super('FORBIDDEN', message);
  }
}
