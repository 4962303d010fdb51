import { CARD_INFO_KEYS, DOCUMENT_READ_CODES, DOCUMENT_WARNING_CODES } from '@open-ekyc/contract';
import { DOCUMENT_GUIDANCE, DOCUMENT_MESSAGES } from '@open-ekyc/web-sdk';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  documentName,
  readFailureText,
  readableFieldName,
  shownFields,
} from './document-fields.js';
import { I18n, LANGUAGES } from './i18n.js';

const en = new I18n('en');

describe('readableFieldName', () => {
  it('splits spec §8 struct names into a sentence-case label, acronyms kept', () => {
    expect(readableFieldName('LicenseNumber')).toBe('License number');
    expect(readableFieldName('DateOfExpiration')).toBe('Date of expiration');
    expect(readableFieldName('CHNName')).toBe('CHN name');
    expect(readableFieldName('IDNumber')).toBe('ID number');
    expect(readableFieldName('Birthday')).toBe('Birthday');
    expect(readableFieldName('PassportCodeFirst')).toBe('Passport code first');
    expect(readableFieldName('Sex')).toBe('Sex');
  });
});

describe('fields shown and sent', () => {
  const fields = { Surname: 'ERIKSSON', GivenName: 'ANNA MARIA', Address: null, Sex: 'F' };

  it('all fields in struct order, or only displayFields', () => {
    expect(shownFields(fields, []).map(([k]) => k)).toEqual(['Surname', 'GivenName', 'Address', 'Sex']);
    expect(shownFields(fields, ['Sex', 'Surname', 'NotAField'])).toEqual([
      ['Surname', 'ERIKSSON'],
      ['Sex', 'F'],
    ]);
  });

  it('sends only what the user changed, trimmed; an unread field left empty is no change; unknown names dropped', () => {
    expect(
      changedFields(fields, {
        Surname: 'ERIKSSON',
        GivenName: ' ANNA MARIE ',
        Address: '',
        Sex: 'F',
        Evil: 'x',
      }),
    ).toEqual({ GivenName: 'ANNA MARIE' });
    expect(changedFields(fields, { Address: '1 Main St' })).toEqual({ Address: '1 Main St' });
    expect(changedFields(fields, { Surname: '' })).toEqual({ Surname: '' });
  });
});

describe('read failure messages', () => {
  it('one message per DocumentRead code, in every language, naming the document where it helps', () => {
    for (const code of Object.values(DOCUMENT_READ_CODES).filter((c) => c !== '0')) {
      for (const lang of Object.keys(LANGUAGES)) {
        const t = readFailureText(new I18n(lang), { code, message: 'server text', warnings: [] }, 'HKIDCard');
        expect(t.message, `${lang} ${code}`).not.toBe('server text');
        expect(t.message).not.toContain('{');
      }
    }
    expect(
      readFailureText(en, { code: 'OCR_FAILED', message: '', warnings: [] }, 'InternationalIDPassport')
        .message,
    ).toMatch(/not a passport/);
  });

  it('OCR_WARNING lists each warning by name (-9101 border, -9102 photocopy, -9103 screen, -9104 edited, -9107 glare, -9108 blur)', () => {
    const t = readFailureText(
      en,
      { code: 'OCR_WARNING', message: '', warnings: [-9101, -9108, -9107] },
      'HKIDCard',
    );
    expect(t.message).toBe('There is a problem with the photo:');
    expect(t.warnings).toEqual([
      'The border of the document is covered or cut off.',
      'The photo is blurry.',
      'There is glare on the document.',
    ]);
    for (const w of DOCUMENT_WARNING_CODES) expect(en.messages[`doc.warning.${w}`], String(w)).toBeTruthy();
    // An unknown code is named as "another problem", once.
    expect(
      readFailureText(en, { code: 'OCR_WARNING', message: '', warnings: [-9999, -9998] }, 'HKIDCard')
        .warnings,
    ).toEqual(['Another problem was found.']);
  });

  it('a failed call (client or catalog code) gets its code message, the server text as the last resort', () => {
    expect(
      readFailureText(en, { code: 'AUTH_NETWORK_ERROR_502', message: 'HTTP 502', warnings: [] }, 'HKIDCard')
        .message,
    ).toBe(en.code('AUTH_NETWORK_ERROR'));
    expect(
      readFailureText(en, { code: 'X_UNKNOWN', message: 'server text', warnings: [] }, 'HKIDCard').message,
    ).toBe('server text');
  });
});

describe('document names and SDK strings', () => {
  it('every CardInfo key has a name in every language', () => {
    for (const lang of Object.keys(LANGUAGES))
      for (const key of CARD_INFO_KEYS)
        expect(LANGUAGES[lang]?.[`card.${key}`], `${lang} ${key}`).toBeTruthy();
    expect(documentName(en, 'InternationalIDPassport')).toBe('passport');
    expect(documentName(en, 'NoSuchCard')).toBe('identity document');
  });

  it("the SDK's built-in document strings are the page's English ones, and every guidance status has one", () => {
    for (const [k, v] of Object.entries(DOCUMENT_MESSAGES)) expect(en.messages[k], k).toBe(v);
    for (const s of DOCUMENT_GUIDANCE) expect(DOCUMENT_MESSAGES[`sdk.doc.${s}`], s).toBeTruthy();
  });
});
