/**
 * Errors are values with a class: `[ERROR_CLASS] message` like Spark's error framework, so a user
 * (or a test) can match on `errorClass` and read an actionable message.
 *
 * Invariant: every error the engine raises on purpose is a SluiceError (or subclass); anything
 * else escaping is a bug in Sluice.
 */
export interface ErrorContext {
  readonly line?: number;
  readonly pos?: number;
  readonly [key: string]: unknown;
}

export class SluiceError extends Error {
  readonly errorClass: string;
  readonly context: ErrorContext;

  constructor(
    errorClass: string,
    message: string,
    context: ErrorContext = {},
    options?: { cause?: unknown },
  ) {
    const where =
      context.line !== undefined && context.pos !== undefined
        ? `(line ${context.line}, pos ${context.pos})`
        : '';
    super(`[${errorClass}] ${message}${where ? ` ${where}` : ''}`, options);
    this.name = 'SluiceError';
    this.errorClass = errorClass;
    this.context = context;
  }
}

/** Errors found while resolving a plan: unknown columns, type mismatches, unsupported operations. */
export class AnalysisException extends SluiceError {
  constructor(errorClass: string, message: string, context: ErrorContext = {}) {
    super(errorClass, message, context);
    this.name = 'AnalysisException';
  }
}

/** SQL text that does not parse. */
export class ParseException extends SluiceError {
  constructor(errorClass: string, message: string, context: ErrorContext = {}) {
    super(errorClass, message, context);
    this.name = 'ParseException';
  }
}

/** Runtime failures of a task (ANSI cast errors, divide by zero in ANSI mode, FAILFAST records). */
export class SparkRuntimeError extends SluiceError {
  constructor(
    errorClass: string,
    message: string,
    context: ErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(errorClass, message, context, options);
    this.name = 'SparkRuntimeError';
  }
}

/** Levenshtein-ranked suggestions, as Spark's "Did you mean one of the following?". */
export function suggest(name: string, candidates: readonly string[], max = 5): string[] {
  const lower = name.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => ({ c, d: levenshtein(lower, c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
