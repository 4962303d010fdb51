import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, parseJsonBody } from './json-body.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('parseJsonBody', () => {
  it('parses an object, empty body = {}', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,{"b":"]]]"}]}'))).toEqual({ a: [1, { b: ']]]' }] });
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
  });
  it('rejects invalid UTF-8, bad JSON, non-objects and deep nesting with InvalidParameter', () => {
    expect(code(() => parseJsonBody(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])))).toBe(
      'InvalidParameter',
    );
    expect(code(() => parseJsonBody(Buffer.from('{"a":')))).toBe('InvalidParameter');
    expect(code(() => parseJsonBody(Buffer.from('[1]')))).toBe('InvalidParameter');
    expect(code(() => parseJsonBody(Buffer.from('null')))).toBe('InvalidParameter');
    expect(
      code(() => parseJsonBody(Buffer.from('{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'))),
    ).toBe('InvalidParameter');
  });
  it('counts depth outside strings only, honouring escapes', () => {
    expect(jsonDepthExceeds(Buffer.from('{"a":"[[[[[\\"[[[["}'), 2)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[[1]]}'), 2)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":[[1]]}'), 3)).toBe(false);
  });
});
