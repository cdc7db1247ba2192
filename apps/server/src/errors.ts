/** The error catalogue: every code the API can answer with, and its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The account must enrol a second factor (TOTP) before anything else. */
  SECOND_FACTOR_ENROLMENT_REQUIRED: 403,
  CSRF_REJECTED: 403,
  ACCOUNT_DISABLED: 403,
  /** 三员分立: the system administrator created the account; the security administrator has not granted it a role yet. */
  ACCOUNT_NOT_AUTHORIZED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  USERNAME_TAKEN: 409,
  UNIT_EXISTS: 409,
  /** The same file (by content hash) is already among this report's or request's evidence. */
  DUPLICATE_EVIDENCE: 409,
  /** The document's plan exists already (same file, or same title and year): import it as a new version or cancel. */
  DUPLICATE_PLAN: 409,
  PLAN_NOT_DRAFT: 409,
  PLAN_NOT_READY: 409,
  PLAN_ARCHIVED: 409,
  /** The action does not fit the record's current state (a submitted report saved, a closed notice answered…). */
  INVALID_STATE: 409,
  /** The assignment is closed (销号): its reports and requests are locked. */
  ASSIGNMENT_CLOSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PLAN_PARSE_FAILED: 422,
  /** A container (evidence .docx/.xlsx/.pptx) inflates past the caps or nests zips too deep (a zip bomb). */
  CONTAINER_LIMIT: 422,
  PASSWORD_POLICY: 422,
  ROLE_CONFLICT: 422,
  INVALID_DECISION: 422,
  INVALID_INPUT: 422,
  /** The username and activation code do not match an unused, unexpired code (one answer for every case). */
  ACTIVATION_INVALID: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure with a stable code; the HTTP layer turns it into `{error:{code,message}}`. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', message);
