/**
 * Every error jugwon raises has a stable code listed here. Codes are never reused or renamed:
 * scripts and API clients match on them. `docs/errors.md` documents the same table and a test
 * keeps the two in step.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error';

interface ErrorSpec<P> {
  status: number;
  type: ErrorType;
  message: (p: P) => string;
  /**
   * What a client over HTTP reads instead, where `message` holds the server's own details (a
   * model's file path, a database's address and its driver's words). The operator reads
   * `message` in the log, on the command line and in `GET /api/health`.
   */
  clientMessage?: (p: P) => string;
}

const spec = <P = Record<string, never>>(s: ErrorSpec<P>): ErrorSpec<P> => s;

export const errorSpecs = {
  JG_CONFIG_INVALID: spec<{ file: string; path: string; problem: string }>({
    status: 500,
    type: 'server_error',
    message: (p) => `${p.file}: ${p.path || '(root)'}: ${p.problem}. Fix this key in the configuration file.`,
  }),
  JG_STORE_NEWER: spec<{ newer: string; missing: string }>({
    status: 500,
    type: 'server_error',
    message: (p) =>
      `The store was migrated by another jugwon version (${p.newer}) that lacks this version's ${p.missing}. Start the version that migrated it.`,
  }),
  JG_KEY_FILE_INVALID: spec<{ file: string; problem: string }>({
    status: 500,
    type: 'server_error',
    message: (p) =>
      `The key file ${p.file} cannot be used: ${p.problem}. Restore it from a backup; only a new installation may start without it.`,
  }),
  JG_CONFIG_NOT_FOUND: spec<{ file: string }>({
    status: 500,
    type: 'server_error',
    message: (p) =>
      `Configuration file ${p.file} was not found. Create it or pass --config with a path that exists.`,
  }),
  JG_INPUT_NOT_TEXT: spec<{ source: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => `${p.source} is not UTF-8 text (binary data found). Pass a text file.`,
  }),
  JG_INPUT_INVALID_JSON: spec<{ line: number; problem: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => `Line ${p.line} is not a valid JSON object: ${p.problem}.`,
  }),
  JG_INPUT_INVALID_RECORD: spec<{ line: number; problem: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => `Line ${p.line}: ${p.problem}. Each line must be {"id": ..., "text": "..."}.`,
  }),
  JG_INPUT_TOO_LARGE: spec<{ what: string; limit: number }>({
    status: 413,
    type: 'invalid_request_error',
    message: (p) =>
      `${p.what} is larger than the limit of ${p.limit} bytes. Split the input or raise the limit.`,
  }),
  JG_FILE_NOT_FOUND: spec<{ file: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `File ${p.file} was not found.`,
  }),
  JG_PII_RECOGNIZER_INVALID: spec<{ name: string; problem: string }>({
    status: 500,
    type: 'server_error',
    message: (p) => `Custom recognizer "${p.name}" is invalid: ${p.problem}.`,
  }),
  JG_PII_VALIDATOR_UNKNOWN: spec<{ name: string; known: string }>({
    status: 500,
    type: 'server_error',
    message: (p) => `Unknown validator "${p.name}". Known validators: ${p.known}.`,
  }),
  JG_INVALID_REQUEST: spec<{ problem: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => `Invalid request: ${p.problem}.`,
  }),
  JG_ROUTE_NOT_FOUND: spec<{ method: string; url: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `No route ${p.method} ${p.url}. See GET /v1/models and the API reference.`,
  }),
  JG_MODEL_NOT_FOUND: spec<{ model: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) =>
      `Model "${p.model}" is not configured. GET /v1/models lists the models this server offers.`,
  }),
  JG_MODEL_CAPABILITY: spec<{ model: string; capability: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) =>
      `Model "${p.model}" does not offer ${p.capability}. Pick a model that lists it in GET /v1/models.`,
  }),
  JG_MODEL_UNAVAILABLE: spec<{ model: string; reason: string }>({
    status: 503,
    type: 'server_error',
    message: (p) => `Model "${p.model}" is unavailable: ${p.reason}.`,
    clientMessage: (p) =>
      `Model "${p.model}" is unavailable. Retry later or pick another model; an administrator sees why in GET /api/health.`,
  }),
  JG_MODEL_BUSY: spec<{ model: string }>({
    status: 429,
    type: 'rate_limit_error',
    message: (p) => `Model "${p.model}" has too many requests waiting. Retry shortly.`,
  }),
  JG_POLICY_BLOCKED: spec<{ model: string; residency: string; categories: string; preset: string }>({
    status: 403,
    type: 'permission_error',
    message: (p) =>
      `Policy ${p.preset} does not allow ${p.categories} data to reach model "${p.model}" (${p.residency}). ` +
      'Use an on-premises model, remove the personal data, or ask an administrator to enable rerouting.',
  }),
  JG_AUDIT_RETENTION: spec<{ before: string; years: number; earliest: string }>({
    status: 409,
    type: 'invalid_request_error',
    message: (p) =>
      `Access records are kept ${p.years} years (audit.accessRecordYears): records before ${p.before} may not be deleted yet; ` +
      `the latest date a purge may name is ${p.earliest}.`,
  }),
  JG_TOO_MANY_FINDINGS: spec<{ limit: number }>({
    status: 413,
    type: 'invalid_request_error',
    message: (p) =>
      `The request holds more than ${p.limit} values of personal data (privacy.maxFindings); nothing was sent. ` +
      'Split it into smaller requests, or ask an administrator to raise the limit.',
  }),
  JG_DATA_CLASS_BLOCKED: spec<{ model: string; residency: string; classes: string; allowed: string }>({
    status: 403,
    type: 'permission_error',
    message: (p) =>
      `Data of class ${p.classes} may not reach model "${p.model}" (${p.residency}); ` +
      `the policy lets it reach ${p.allowed} models only. Use such a model, or ask an administrator.`,
  }),
  JG_CONTENT_UNREADABLE: spec<{ model: string; residency: string; parts: string }>({
    status: 403,
    type: 'permission_error',
    message: (p) =>
      `The request holds parts the gateway cannot check for personal data (${p.parts}); they go only to on-premises models, and "${p.model}" is ${p.residency}. Use an on-premises model or send text.`,
  }),
  JG_POLICY_ERROR: spec({
    status: 500,
    type: 'server_error',
    message: () => 'The personal-data check failed, so the request was not forwarded. See the server log.',
  }),
  JG_UPSTREAM_ERROR: spec<{ model: string; status: string }>({
    status: 502,
    type: 'server_error',
    message: (p) => `Model "${p.model}" failed (${p.status}).`,
  }),
  JG_UPSTREAM_TIMEOUT: spec<{ model: string; ms: number }>({
    status: 504,
    type: 'server_error',
    message: (p) => `Model "${p.model}" did not answer within ${p.ms} ms.`,
  }),
  JG_DOWNLOAD_FAILED: spec<{ source: string; problem: string }>({
    status: 502,
    type: 'server_error',
    message: (p) => `Download of ${p.source} failed: ${p.problem}.`,
  }),
  JG_AUTH_MISSING: spec({
    status: 401,
    type: 'authentication_error',
    message: () =>
      'An API key is required: send "Authorization: Bearer <key>". Ask an administrator for a key.',
  }),
  JG_AUTH_MALFORMED: spec({
    status: 401,
    type: 'authentication_error',
    message: () => 'The Authorization header must be exactly "Bearer <key>" (one key, nothing after it).',
  }),
  JG_CSRF_MISSING: spec({
    status: 403,
    type: 'permission_error',
    message: () =>
      "A change made with a console session needs the session's CSRF token in the x-jugwon-csrf header. Reload the console and try again.",
  }),
  JG_UNSUPPORTED_MEDIA_TYPE: spec<{ type: string }>({
    status: 415,
    type: 'invalid_request_error',
    message: (p) =>
      `A body of type "${p.type}" is not accepted here: send application/json (documents: application/octet-stream).`,
  }),
  JG_PORT_IN_USE: spec<{ host: string; port: number }>({
    status: 500,
    type: 'server_error',
    message: (p) =>
      `Port ${p.port} on ${p.host} is already in use. Stop the other server, or choose another with --port.`,
  }),
  JG_AUTH_INVALID: spec({
    status: 401,
    type: 'authentication_error',
    message: () => 'The API key is invalid, revoked or expired.',
  }),
  JG_SIGNIN_FAILED: spec({
    status: 401,
    type: 'authentication_error',
    message: () => 'Sign-in failed: unknown tenant or user, wrong password, or a disabled user.',
  }),
  JG_SIGNIN_THROTTLED: spec({
    status: 429,
    type: 'rate_limit_error',
    message: () =>
      'Too many failed sign-ins for this user or address. Wait for the time in Retry-After, then try again.',
  }),
  JG_PASSWORD_WRONG: spec({
    status: 403,
    type: 'permission_error',
    message: () => 'The current password is not right; the password was not changed.',
  }),
  JG_SESSION_INVALID: spec({
    status: 401,
    type: 'authentication_error',
    message: () => 'The console session is invalid or has expired. Sign in again.',
  }),
  JG_SSO_DENIED: spec({
    status: 403,
    type: 'permission_error',
    message: () =>
      'Your organisation account is not in a group that may use jugwon. Ask your administrator to add you.',
  }),
  JG_SSO_FAILED: spec<{ reason: string }>({
    status: 401,
    type: 'authentication_error',
    message: (p) => `Single sign-on did not complete (${p.reason}). Start the sign-in again.`,
  }),
  JG_FORBIDDEN: spec<{ action: string }>({
    status: 403,
    type: 'permission_error',
    message: (p) => `This key may not ${p.action}.`,
  }),
  JG_MODEL_NOT_ALLOWED: spec<{ model: string }>({
    status: 403,
    type: 'permission_error',
    message: (p) =>
      `Model "${p.model}" is not enabled for this tenant. GET /v1/models lists the ones that are.`,
  }),
  JG_RATE_LIMITED: spec<{ limit: number; scope: string }>({
    status: 429,
    type: 'rate_limit_error',
    message: (p) =>
      `Rate limit of ${p.limit} requests per minute reached for this ${p.scope}. Retry after the time in Retry-After.`,
  }),
  JG_QUOTA_EXCEEDED: spec<{ limit: number; period: string; scope: string }>({
    status: 429,
    type: 'rate_limit_error',
    message: (p) =>
      `The ${p.period} budget of ${p.limit} tokens for this ${p.scope} is used up. Ask an administrator to raise it.`,
  }),
  JG_AUDIT_INVALID: spec<{ seq: number; problem: string }>({
    status: 500,
    type: 'server_error',
    message: (p) => `Audit record ${p.seq} fails verification: ${p.problem}.`,
  }),
  JG_PARSE_FAILED: spec<{ file: string; reason: string }>({
    status: 422,
    type: 'invalid_request_error',
    message: (p) => `Cannot read ${p.file}: ${p.reason}.`,
  }),
  JG_COLLECTION_LIMIT: spec<{ tenant: string; limit: number }>({
    status: 403,
    type: 'permission_error',
    message: (p) =>
      `Tenant "${p.tenant}" owns ${p.limit} collections, the most allowed (knowledge.maxCollectionsPerTenant). Delete one it no longer needs, or add to an existing one.`,
  }),
  JG_CONVERSATION_LIMIT: spec<{ limit: number }>({
    status: 403,
    type: 'permission_error',
    message: (p) => `You keep ${p.limit} conversations, the most allowed. Delete one you no longer need.`,
  }),
  JG_COLLECTION_NOT_FOUND: spec<{ name: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `Collection "${p.name}" does not exist. jugwon collections list shows the collections.`,
  }),
  JG_SUITE_INVALID: spec<{ file: string; line?: number; problem: string }>({
    status: 422,
    type: 'invalid_request_error',
    message: (p) => `Suite file ${p.file}${p.line ? `, line ${p.line}` : ''}: ${p.problem}.`,
  }),
  JG_CONVERSATION_NOT_FOUND: spec({
    status: 404,
    type: 'not_found_error',
    message: () => 'No such conversation (it may have been deleted, or kept past its retention period).',
  }),
  JG_EVAL_BUSY: spec<{ running: number; scope: string }>({
    status: 429,
    type: 'rate_limit_error',
    message: (p) =>
      `${p.running} evaluation runs of this ${p.scope} are in progress, the most at once. Start this one when one of them has finished.`,
  }),
  JG_EVAL_RUN_NOT_FOUND: spec<{ run: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `Evaluation run "${p.run}" was not found. jugwon eval list shows the runs.`,
  }),
  JG_INVALID_VALUE: spec<{ what: string; problem: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => `${p.what}: ${p.problem}.`,
  }),
  JG_TENANT_NOT_FOUND: spec<{ name: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `There is no tenant named "${p.name}". List the tenants to see which exist.`,
  }),
  JG_TENANT_EXISTS: spec<{ name: string }>({
    status: 409,
    type: 'invalid_request_error',
    message: (p) => `Tenant "${p.name}" already exists. Choose another name, or change the existing tenant.`,
  }),
  JG_USER_NOT_FOUND: spec<{ tenant: string; name: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `There is no user named "${p.name}" in tenant "${p.tenant}".`,
  }),
  JG_USER_EXISTS: spec<{ tenant: string; name: string }>({
    status: 409,
    type: 'invalid_request_error',
    message: (p) => `User "${p.name}" already exists in tenant "${p.tenant}". Choose another name.`,
  }),
  JG_KEY_NOT_FOUND: spec<{ id: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `No active API key with id "${p.id}" (it may already be revoked).`,
  }),
  JG_PASSWORD_INVALID: spec<{ problem: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => `The password is not acceptable: ${p.problem}.`,
  }),
  JG_COLLECTION_CONFLICT: spec<{ name: string; problem: string }>({
    status: 409,
    type: 'invalid_request_error',
    message: (p) => `Collection "${p.name}" ${p.problem}.`,
  }),
  JG_RETAINED_REQUEST_NOT_FOUND: spec<{ id: string }>({
    status: 404,
    type: 'not_found_error',
    message: (p) => `No retained request with id "${p.id}".`,
  }),
  JG_USAGE: spec<{ problem: string }>({
    status: 400,
    type: 'invalid_request_error',
    message: (p) => p.problem,
  }),
  JG_INGEST_QUOTA_EXCEEDED: spec<{ limit: number }>({
    status: 429,
    type: 'rate_limit_error',
    message: (p) =>
      `This tenant's daily budget of ${p.limit} bytes of uploaded documents is used up. Retry after the time in Retry-After, or ask the operator to raise it.`,
  }),
  JG_INGEST_INTERRUPTED: spec({
    status: 500,
    type: 'server_error',
    message: () => 'The server stopped while this file was being indexed. Upload it again.',
  }),
  JG_STORE_UNAVAILABLE: spec<{ reason: string }>({
    status: 503,
    type: 'server_error',
    message: (p) =>
      `The database cannot be reached (${p.reason}). Retry shortly; if it lasts, the operator checks store.url and the database server.`,
    clientMessage: () =>
      'The database cannot be reached. Retry shortly; if it lasts, the operator checks store.url and the database server.',
  }),
  JG_STORE_FULL: spec<{ reason: string }>({
    status: 507,
    type: 'server_error',
    message: (p) =>
      `The database's disk is full (${p.reason}): nothing more can be recorded, so requests are refused until the operator frees space.`,
    clientMessage: () =>
      "The database's disk is full: nothing more can be recorded, so requests are refused until the operator frees space.",
  }),
  JG_COORDINATION_UNAVAILABLE: spec({
    status: 503,
    type: 'server_error',
    message: () =>
      'Request limits cannot be checked right now (the coordination service is unreachable). Retry shortly.',
  }),
  JG_STORE_IN_USE: spec({
    status: 503,
    type: 'server_error',
    message: () =>
      'Another jugwon server is serving this data folder: one server per embedded (SQLite) store, or each would count limits on its own. Stop the other one, or run several on Postgres (store.url) and Redis (redis.url).',
  }),
  JG_REPLICA_CONFLICT: spec({
    status: 503,
    type: 'server_error',
    message: () =>
      'Another jugwon server runs on this Postgres store without Redis: each would count limits on its own. Configure redis.url on every replica to run several.',
  }),
  JG_INTERNAL: spec({
    status: 500,
    type: 'server_error',
    message: () => 'Internal error. See the server log for the request id.',
  }),
} as const;

export type ErrorCode = keyof typeof errorSpecs;
type ParamsOf<C extends ErrorCode> = Parameters<(typeof errorSpecs)[C]['message']>[0];

export class JugwonError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly status: number;
  readonly type: ErrorType;
  /** The message without the server's own details, for clients over HTTP (ErrorSpec.clientMessage). */
  readonly clientMessage: string;
  /** Seconds to send as Retry-After (rate limits). */
  retryAfter?: number;

  constructor(code: C, ...params: ParamsOf<C> extends Record<string, never> ? [] : [ParamsOf<C>]) {
    const s = errorSpecs[code] as ErrorSpec<unknown>;
    const p = params[0] ?? {};
    super(s.message(p));
    this.name = 'JugwonError';
    this.code = code;
    this.status = s.status;
    this.type = s.type;
    this.clientMessage = s.clientMessage ? s.clientMessage(p) : this.message;
  }

  /** The one error shape jugwon speaks over HTTP (OpenAI's): every route and stream sends this. */
  toJSON(): { error: { message: string; type: ErrorType; code: C } } {
    return { error: { message: this.clientMessage, type: this.type, code: this.code } };
  }
}

export const isJugwonError = (e: unknown): e is JugwonError => e instanceof JugwonError;
