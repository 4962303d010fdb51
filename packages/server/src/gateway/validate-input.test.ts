import { ApiError } from '@open-ekyc/contract';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { parseForm, unflatten } from './form-params.js';
import { validateInput } from './validate-input.js';

const Schema = Type.Object({
  Name: Type.String(),
  Level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  Score: Type.Optional(Type.Number()),
  Flag: Type.Optional(Type.Boolean()),
  Mode: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2')])),
  Config: Type.Optional(Type.Object({ AutoSkip: Type.Boolean(), CheckMode: Type.Integer() })),
  Items: Type.Optional(Type.Array(Type.Object({ Id: Type.Integer(), Tag: Type.Optional(Type.String()) }))),
  Tags: Type.Optional(Type.Array(Type.String())),
});

function fail(input: unknown): ApiError {
  try {
    validateInput(Schema, input);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('validateInput', () => {
  it('coerces flattened v1 strings, including Python True/False and index lists', () => {
    const form = parseForm(
      'Action=A&Name=n&Level=4&Score=0.5&Flag=True&Mode=1&Config.AutoSkip=false&Config.CheckMode=2&Items.1.Id=11&Items.0.Id=10&Items.0.Tag=t&Tags.0=x&Extra=1',
    );
    const { value, ignored } = validateInput(Schema, unflatten(form, true));
    expect(value).toEqual({
      Name: 'n',
      Level: 4,
      Score: 0.5,
      Flag: true,
      Mode: '1',
      Config: { AutoSkip: false, CheckMode: 2 },
      Items: [{ Id: 10, Tag: 't' }, { Id: 11 }],
      Tags: ['x'],
    });
    expect(ignored).toEqual(['Extra']);
  });

  it('is lenient with TC3 JSON: numbers for strings, strings for numbers, nulls as absent', () => {
    const { value } = validateInput(Schema, {
      Name: 42,
      Level: '3',
      Mode: 2,
      Flag: 'true',
      Config: null,
      Tags: [1, true],
    });
    expect(value).toEqual({ Name: '42', Level: 3, Mode: '2', Flag: true, Tags: ['1', 'true'] });
  });

  it('missing required -> MissingParameter naming the parameter, nested too', () => {
    let e = fail({});
    expect(e.code).toBe('MissingParameter');
    expect(e.message).toContain('`Name`');
    e = fail({ Name: 'x', Config: { AutoSkip: true } });
    expect(e.code).toBe('MissingParameter');
    expect(e.message).toContain('`Config.CheckMode`');
  });

  it('missing parameter wins over a type error elsewhere', () => {
    expect(fail({ Level: 'abc' }).code).toBe('MissingParameter');
  });

  it('wrong type -> InvalidParameter "Parameter `X` type error."', () => {
    expect(fail({ Name: 'x', Level: 'four' })).toMatchObject({
      code: 'InvalidParameter',
      message: 'Parameter `Level` type error.',
    });
    expect(fail({ Name: 'x', Flag: 'yes' }).message).toBe('Parameter `Flag` type error.');
    expect(fail({ Name: 'x', Items: [{ Id: 1 }, { Id: 'x' }] }).message).toBe(
      'Parameter `Items.1.Id` type error.',
    );
    expect(fail({ Name: 'x', Config: 'str' }).message).toBe('Parameter `Config` type error.');
    expect(fail({ Name: { a: 1 } }).code).toBe('InvalidParameter');
    expect(fail({ Name: 'x', Level: '1.5' }).code).toBe('InvalidParameter');
  });

  it('well-typed but out of range / not in the enum -> InvalidParameterValue', () => {
    expect(fail({ Name: 'x', Level: 9 }).code).toBe('InvalidParameterValue');
    expect(fail({ Name: 'x', Mode: '3' }).code).toBe('InvalidParameterValue');
  });

  it('drops prototype keys from JSON input', () => {
    const input = JSON.parse(
      '{"Name":"x","__proto__":{"polluted":true},"Config":{"AutoSkip":true,"CheckMode":1,"constructor":1}}',
    );
    const { value, ignored } = validateInput(Schema, input);
    expect(value).toEqual({ Name: 'x', Config: { AutoSkip: true, CheckMode: 1 } });
    expect(ignored).toEqual(['__proto__', 'Config.constructor']);
  });
});
