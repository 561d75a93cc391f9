/**
 * Connection URLs the jdbc connector accepts, parsed into one `ConnectionTarget`:
 *
 *   jdbc:postgresql://host[:port]/database[?user=…&password=…&currentSchema=…]   (Spark's form)
 *   postgres://[user[:password]@]host[:port]/database[?…]  and  postgresql://…     (libpq's form)
 *   pglite://memory[/name]                                an in-process PGlite database in memory
 *   pglite:///absolute/path                               an in-process PGlite database on disk
 *
 * Invariant: `user`/`password` options override credentials in the URL; the password never
 * appears in an error message (`redactUrl`).
 */
import { SluiceError } from '../../util/errors.js';

export interface PostgresTarget {
  readonly kind: 'postgres';
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** `currentSchema` / `search_path` from the URL. */
  readonly searchPath: string | undefined;
  readonly ssl: boolean;
  readonly applicationName: string;
}

export interface PgliteTarget {
  readonly kind: 'pglite';
  /** `memory://name` or an absolute folder; also the key of the process-wide instance. */
  readonly dataDir: string;
}

export type ConnectionTarget = PostgresTarget | PgliteTarget;

function badUrl(url: string, why: string): SluiceError {
  return new SluiceError(
    'INVALID_JDBC_URL',
    `Cannot use the JDBC URL ${redactUrl(url)}: ${why}. Expected jdbc:postgresql://host:port/database, postgres://user:password@host:port/database or pglite://memory.`,
  );
}

/** Spark's redaction of a URL in error messages (the scheme stays, the rest is hidden). */
export function redactUrl(url: string): string {
  const m = /^(jdbc:[a-z0-9]+:|[a-z]+:)/i.exec(url);
  return `${m ? m[1] : ''}*********(redacted)`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseConnectionUrl(
  url: string,
  credentials: { readonly user?: string | undefined; readonly password?: string | undefined } = {},
): ConnectionTarget {
  const trimmed = url.trim();
  if (/^pglite:/i.test(trimmed)) {
    const rest = trimmed.slice('pglite:'.length);
    if (/^\/\/memory(\/[^/?]*)?$/i.test(rest)) {
      const name = rest.slice('//memory'.length).replace(/^\//, '') || 'default';
      return { kind: 'pglite', dataDir: `memory://${name}` };
    }
    if (rest.startsWith('///')) return { kind: 'pglite', dataDir: decode(rest.slice(2)) };
    throw badUrl(url, 'a pglite URL is pglite://memory, pglite://memory/<name> or pglite:///absolute/path');
  }
  let body: string;
  if (/^jdbc:postgresql:/i.test(trimmed)) body = trimmed.slice('jdbc:postgresql:'.length);
  else if (/^postgres(ql)?:/i.test(trimmed)) body = trimmed.slice(trimmed.indexOf(':') + 1);
  else throw badUrl(url, 'only PostgreSQL (and PGlite) URLs are supported');

  const q = body.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? body.slice(q + 1) : '');
  const path = q >= 0 ? body.slice(0, q) : body;
  let host = '127.0.0.1';
  let port = 5432;
  let database: string;
  let user = params.get('user') ?? undefined;
  let password = params.get('password') ?? undefined;
  if (path.startsWith('//')) {
    const afterSlashes = path.slice(2);
    const slash = afterSlashes.indexOf('/');
    let authority = slash >= 0 ? afterSlashes.slice(0, slash) : afterSlashes;
    database = slash >= 0 ? decode(afterSlashes.slice(slash + 1)) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const info = authority.slice(0, at);
      authority = authority.slice(at + 1);
      const colon = info.indexOf(':');
      user = decode(colon >= 0 ? info.slice(0, colon) : info);
      if (colon >= 0) password = decode(info.slice(colon + 1));
    }
    // jdbc:postgresql allows several hosts for fail-over; we connect to the first
    const first = authority.split(',')[0] ?? '';
    const m = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(first);
    if (!m) throw badUrl(url, `cannot read the host and port '${first}'`);
    if (m[1]) host = m[1].replace(/^\[|\]$/g, '');
    if (m[2]) port = Number(m[2]);
  } else {
    database = decode(path);
  }
  if (!database) database = user ?? 'postgres';
  const sslmode = params.get('sslmode');
  return {
    kind: 'postgres',
    host,
    port,
    database,
    user: credentials.user ?? user,
    password: credentials.password ?? password,
    searchPath: params.get('currentSchema') ?? params.get('search_path') ?? undefined,
    ssl: params.get('ssl') === 'true' || (sslmode !== null && sslmode !== 'disable' && sslmode !== 'allow'),
    applicationName: params.get('ApplicationName') ?? params.get('application_name') ?? 'sluice',
  };
}
