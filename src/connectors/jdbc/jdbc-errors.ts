/**
 * How the connector reports database failures: connection problems as Spark's
 * `FAILED_JDBC.CONNECTION` (URL redacted), a missing table as `TABLE_OR_VIEW_NOT_FOUND`, anything
 * else the server said as `FAILED_JDBC.UNCLASSIFIED` with the server's message — and which
 * failures are transient (worth a retry: the server restarting, the network, serialization
 * conflicts) as opposed to the query's own fault.
 */
import { SluiceError } from '../../util/errors.js';
import { redactUrl } from './jdbc-url.js';

interface PgLikeError {
  readonly code?: string;
  readonly message?: string;
  readonly severity?: string;
}

/** The SQLSTATE of a server error, or the errno code of a network error. */
export function errorCode(e: unknown): string | undefined {
  const c = (e as PgLikeError | undefined)?.code;
  return typeof c === 'string' ? c : undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Could not reach the server, or it went away (the connection must be reopened). */
export function isConnectionError(e: unknown): boolean {
  const code = errorCode(e);
  if (
    code &&
    (NETWORK_CODES.has(code) ||
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03')
  )
    return true;
  const msg = e instanceof Error ? e.message : String(e);
  return /Connection terminated|connection is closed|Client has encountered a connection error|terminating connection|Client was closed|timeout expired/i.test(
    msg,
  );
}

/** Worth retrying the whole transaction. */
export function isTransientError(e: unknown): boolean {
  const code = errorCode(e);
  return isConnectionError(e) || code === '40001' || code === '40P01' || code === '53300' || code === '55P03';
}

export function isAuthenticationError(e: unknown): boolean {
  const code = errorCode(e);
  return code === '28P01' || code === '28000';
}

function describe(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const code = errorCode(e);
  return code && /^[0-9A-Z]{5}$/.test(code) ? `${msg} (SQLSTATE ${code})` : msg;
}

export function connectionFailed(url: string, cause: unknown): SluiceError {
  return new SluiceError(
    'FAILED_JDBC.CONNECTION',
    `Failed JDBC ${redactUrl(url)} on the operation: Couldn't connect to the database: ${describe(cause)}`,
    {},
    { cause },
  );
}

/** Wraps a failure of `operation` (a short description) in a SluiceError a user can act on. */
export function jdbcFailure(url: string, operation: string, cause: unknown): SluiceError {
  if (cause instanceof SluiceError) return cause;
  if (isAuthenticationError(cause) || (isConnectionError(cause) && operation === 'connect'))
    return connectionFailed(url, cause);
  return new SluiceError(
    'FAILED_JDBC.UNCLASSIFIED',
    `Failed JDBC ${redactUrl(url)} on the operation: ${operation}: ${describe(cause)}`,
    { sqlState: errorCode(cause) },
    { cause },
  );
}

export function tableNotFound(table: string, cause?: unknown): SluiceError {
  return new SluiceError(
    'TABLE_OR_VIEW_NOT_FOUND',
    `The table or view \`${table}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    {},
    cause === undefined ? undefined : { cause },
  );
}
