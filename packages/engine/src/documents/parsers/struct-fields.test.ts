import { CARD_STRUCT_FIELDS } from '@open-ekyc/contract';
import { describe, expect, it } from 'vitest';
import { readMrzLines } from '../mrz.js';
import { SPECIMEN_TD3 } from '../test-cards.fixture.js';
import { DOCUMENT_TYPES, PARSERS } from './index.js';

// A parser's `fields` is what the result mappers emit: the contract's §8 struct, every key, in order.
describe('parser outputs are field-exact to the contract structs', () => {
  it.each(DOCUMENT_TYPES)('%s with nothing read', (type) => {
    expect(Object.keys(PARSERS[type]({ lines: [], mrz: null }).fields)).toEqual(CARD_STRUCT_FIELDS[type]);
  });

  it('InternationalIDPassport read from an MRZ', () => {
    const mrz = readMrzLines(SPECIMEN_TD3);
    expect(mrz?.valid).toBe(true);
    const parsed = PARSERS.InternationalIDPassport({ lines: [], mrz });
    expect(Object.keys(parsed.fields)).toEqual(CARD_STRUCT_FIELDS.InternationalIDPassport);
  });
});
