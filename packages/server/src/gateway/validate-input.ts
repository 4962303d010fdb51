import { ApiError } from '@open-ekyc/contract';
import type { TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { coerceToSchema } from './coerce.js';

/**
 * Coerce (spec §3.7) then validate an action's input with its TypeBox schema.
 * Missing required field -> `MissingParameter`, wrong type -> `InvalidParameter`
 * ("Parameter `X` type error.", the observed wording), a well-typed value outside the
 * schema's constraints (enum, length, range, pattern) -> `InvalidParameterValue`.
 */

const compiled = new WeakMap<TObject, TypeCheck<TObject>>();

function checker(schema: TObject): TypeCheck<TObject> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c;
}

/** Compiles ahead of time so the first request does not pay for it. */
export function precompile(schema: TObject): void {
  checker(schema);
}

/** `/Config/AutoSkip` -> `Config.AutoSkip` (the same dotted form v1 clients send). */
function paramName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

const TYPE_ERRORS = new Set<ValueErrorType>([
  ValueErrorType.Array,
  ValueErrorType.BigInt,
  ValueErrorType.Boolean,
  ValueErrorType.Date,
  ValueErrorType.Integer,
  ValueErrorType.Null,
  ValueErrorType.Number,
  ValueErrorType.Object,
  ValueErrorType.String,
  ValueErrorType.Symbol,
  ValueErrorType.Undefined,
  ValueErrorType.Uint8Array,
]);

function toApiError(err: ValueError): ApiError {
  const name = paramName(err.path) || 'body';
  if (err.type === ValueErrorType.ObjectRequiredProperty) {
    return new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
  }
  if (TYPE_ERRORS.has(err.type)) return new ApiError('InvalidParameter', `Parameter \`${name}\` type error.`);
  // spec §5.2 suggested wording; the value is quoted only when short (never base64 media or long PII).
  const v = err.value;
  const shown =
    (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v).length <= 64
      ? `\`${String(v)}\` `
      : '';
  return new ApiError(
    'InvalidParameterValue',
    `The value ${shown}specified in the parameter \`${name}\` is invalid.`,
  );
}

export interface ValidatedInput {
  readonly value: unknown;
  /** Dotted names of fields the schema does not know (ignored, spec §5.2 UnknownParameter note). */
  readonly ignored: readonly string[];
}

export function validateInput(schema: TObject, input: unknown): ValidatedInput {
  const ignored: string[] = [];
  const value = coerceToSchema(schema, input, ignored);
  const check = checker(schema);
  if (check.Check(value)) return { value, ignored };
  let first: ValueError | undefined;
  let seen = 0;
  for (const err of check.Errors(value)) {
    if (++seen > 200) break; // a huge invalid array must not cost unbounded work
    // A missing parameter is reported before a type error elsewhere in the request.
    if (err.type === ValueErrorType.ObjectRequiredProperty) throw toApiError(err);
    first ??= err;
  }
  throw first ? toApiError(first) : new ApiError('InvalidParameter');
}
