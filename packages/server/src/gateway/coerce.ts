import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Schema-guided coercion of request input (spec §3.7). v1 and TC3-GET values are all strings
 * (`"4"`, `"true"`, Python's `"True"`), nested input arrives un-flattened with list indices as
 * object keys, and TC3 JSON may carry `"SecureLevel": 4` where the schema says String. The
 * result contains only the properties the schema knows: unknown fields are reported in
 * `ignored` (logged at debug) instead of failing, per the spec's recommendation on
 * `UnknownParameter`. Whatever cannot be coerced is left as is for the validator to report.
 */

type Schema = TSchema & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  const?: unknown;
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const INTEGER_RE = /^[-+]?\d{1,16}$/;
const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INDEX_RE = /^\d{1,6}$/;

export function coerceToSchema(schema: TSchema, value: unknown, ignored: string[] = [], path = ''): unknown {
  return coerce(schema as Schema, value, ignored, path);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function typeOf(schema: Schema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

function coerce(schema: Schema, value: unknown, ignored: string[], path: string): unknown {
  if (schema.anyOf) return coerceUnion(schema.anyOf, value, ignored, path);
  if (schema.allOf) return coerceObject(mergeAllOf(schema.allOf), value, ignored, path);
  switch (typeOf(schema)) {
    case 'object':
      return coerceObject(schema, value, ignored, path);
    case 'array':
      return coerceArray(schema, value, ignored, path);
    case 'integer':
      if (typeof value === 'string' && INTEGER_RE.test(value.trim())) {
        const n = Number(value.trim());
        return Number.isSafeInteger(n) ? n : value;
      }
      return value;
    case 'number':
      if (typeof value === 'string' && NUMBER_RE.test(value.trim())) {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : value;
      }
      return value;
    case 'boolean':
      // spec §3.7: Node/Go send "true"/"false", Python "True"/"False".
      if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (v === 'true') return true;
        if (v === 'false') return false;
      }
      return value;
    case 'string':
      // spec §3.7: the Node SDK sends whatever JS type the merchant assigned.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'boolean') return String(value);
      return value;
    default:
      return value;
  }
}

function coerceUnion(branches: Schema[], value: unknown, ignored: string[], path: string): unknown {
  for (const b of branches) if (Value.Check(b, value)) return coerce(b, value, ignored, path);
  for (const b of branches) {
    const scratch: string[] = [];
    const c = coerce(b, value, scratch, path);
    if (Value.Check(b, c)) {
      ignored.push(...scratch);
      return c;
    }
  }
  return value;
}

function mergeAllOf(parts: Schema[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const p of parts) Object.assign(properties, p.properties ?? {});
  return { type: 'object', properties } as Schema;
}

function coerceObject(schema: Schema, value: unknown, ignored: string[], path: string): unknown {
  if (!isPlainObject(value)) return value;
  const props = schema.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    const childPath = path === '' ? key : `${path}.${key}`;
    // spec §3.7: SDKs omit null members; a null is treated as "not provided".
    if (child === null || child === undefined) continue;
    if (FORBIDDEN_KEYS.has(key)) {
      ignored.push(childPath);
      continue;
    }
    const sub = own(props, key) ? props[key] : extraSchema(schema, key);
    if (sub === undefined) {
      ignored.push(childPath);
      continue;
    }
    out[key] = coerce(sub, child, ignored, childPath);
  }
  return out;
}

function extraSchema(schema: Schema, key: string): Schema | undefined {
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (new RegExp(pattern).test(key)) return sub;
  }
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  if (schema.additionalProperties === true) return {} as Schema;
  return undefined;
}

function coerceArray(schema: Schema, value: unknown, ignored: string[], path: string): unknown {
  let list: unknown[];
  if (Array.isArray(value)) {
    list = value;
  } else if (isPlainObject(value)) {
    // Un-flattened `List.0`, `List.1`, ... (spec §3.7) arrive as an object with index keys.
    const keys = Object.keys(value);
    if (keys.length === 0 || !keys.every((k) => INDEX_RE.test(k))) return value;
    list = keys
      .map((k) => [Number(k), value[k]] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v);
  } else {
    return value;
  }
  const items = schema.items;
  if (items === undefined || Array.isArray(items)) return list;
  return list.map((v, i) => coerce(items, v, ignored, `${path}.${i}`));
}
