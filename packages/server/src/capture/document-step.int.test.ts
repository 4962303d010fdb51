import { CaptureSessionSchema, DocumentReadSchema, type DocumentRead } from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DocumentSessionConfig } from '../services/documents/document-types.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { WEB_DEFAULTS, type WebSessionConfig } from '../services/web-flow/flow-settings.js';
import { DocumentReadsRepository } from '../store/repositories/document-reads-repository.js';
import { TEST_ENGINES } from '../store/testing/test-database.js';
import { createTestStore, type TestStore } from '../store/testing/test-store.js';
import type { CaptureRuntime } from './create-capture.js';
import { createCaptureStack, type CaptureStack } from './testing/capture-stack.js';
import { describeWithOcrB, useDocumentEngine } from './testing/document-fixtures.js';

/**
 * The document step over HTTP (contract capture-api.ts) on the real store (SQLite and PostgreSQL),
 * sessions, billing, media store and the real OCR engine on the job layer: generated passport photos
 * with known fields (engine test-cards fixture). Each distinct photo is read by the engine once per
 * file (MemoJobs); the second database engine reuses the answers.
 */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000007';
/** Small, so the body limit is cheap to exceed; the passport photos are ~0.2 MB. */
const MAX_BYTES = 2 * 1024 * 1024;

const fixture = useDocumentEngine();

describeWithOcrB.each(TEST_ENGINES)('document step on %s', (engine) => {
  let store: TestStore;
  let stack: CaptureStack;
  let app: FastifyInstance;
  let rt: CaptureRuntime;
  let sessions: SessionsService;
  const now = () => new Date();

  beforeAll(async () => {
    store = await createTestStore(engine, ADMIN_URL, { apps: [APP], at: now() });
    stack = createCaptureStack({ db: store.db, jobs: fixture.jobs, maxBytes: MAX_BYTES, now });
    ({ rt, sessions } = stack);
    app = Fastify();
    await rt.routes(app);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    stack?.close();
  });

  const DOC: DocumentSessionConfig = {
    CheckMode: 1,
    CardType: 'InternationalIDPassport',
    DisableCheckOcrWarnings: false,
    SelectedWarningCodes: [-9101, -9102, -9103, -9104, -9107, -9108, -9901],
    AllowExpiredDocument: true,
    DisableChangeOcrResult: false,
    IdCardCutReturn: true,
    CardOcrDisplayFields: [],
  };
  async function webSession(doc: Partial<DocumentSessionConfig> | null): Promise<string> {
    const config: WebSessionConfig = {
      ...WEB_DEFAULTS,
      SecurityLevel: 1,
      ActionList: [],
      SkipPrivacyPolicy: false,
      AutoSkipStartPage: false,
      AutoSkip: false,
      ...(doc ? { ...DOC, ...doc } : { CheckMode: 2 }),
    };
    const s = await rt.webFlow.createWebSession({
      appId: APP,
      at: now(),
      config,
      redirectUrl: 'https://shop.example/done',
      referenceImage: null,
      extra: null,
    });
    return s.token;
  }
  const view = async (token: string) => (await app.inject({ url: `/capture/v1/sessions/${token}` })).json();
  const read = (token: string, body: Buffer, side = 'front', type = 'image/jpeg') =>
    app.inject({
      method: 'POST',
      url: `/capture/v1/sessions/${token}/documents`,
      headers: { 'content-type': type, ...(side ? { 'x-document-side': side } : {}) },
      payload: body,
    });
  const readOk = async (token: string, body: Buffer, side = 'front'): Promise<DocumentRead> => {
    const res = await read(token, body, side);
    expect(res.statusCode).toBe(200);
    expect(Value.Check(DocumentReadSchema, res.json())).toBe(true);
    return res.json();
  };
  const confirm = (token: string, payload: object) =>
    app.inject({ method: 'POST', url: `/capture/v1/sessions/${token}/documents/confirm`, payload });
  const startAttempt = (token: string) =>
    app.inject({ method: 'POST', url: `/capture/v1/sessions/${token}/attempts`, payload: {} });

  it('CheckMode 1: passport read → confirm with an edit → portrait is the reference photo, liveness may start', async () => {
    const token = await webSession({});
    const v = await view(token);
    expect(Value.Check(CaptureSessionSchema, v)).toBe(true);
    expect(v.document).toEqual({
      cardType: 'InternationalIDPassport',
      sides: ['front'],
      allowEdit: true,
      displayFields: [],
      confirmed: false,
      next: 'liveness',
      readsLeft: 10,
    });
    expect((await startAttempt(token)).json()).toMatchObject({ code: '3' });

    const r = await readOk(token, fixture.photos.passport);
    expect(r).toMatchObject({ side: 'front', status: 'passed', code: '0', warnings: [], readsLeft: 9 });
    expect(r.fields).toMatchObject({
      LicenseNumber: 'L898902C3',
      Surname: 'ERIKSSON',
      GivenName: 'ANNA MARIA',
      Birthday: '1974-08-12',
      DateOfExpiration: '2012-04-15',
    });
    // Unknown field, then a real confirm: an unchanged value (after trimming) is not an edit.
    expect((await confirm(token, { readId: r.readId, fields: { Nickname: 'x' } })).statusCode).toBe(400);
    const ok = await confirm(token, {
      readId: r.readId,
      fields: { Surname: ' ERIKSSON-LUND ', GivenName: ' ANNA MARIA ' },
    });
    expect(ok.json()).toEqual({ next: 'liveness' });

    expect((await view(token)).document).toMatchObject({ confirmed: true, readsLeft: 9 });
    const reference = await sessions.referenceImage(token);
    expect(reference?.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    const stored = await new DocumentReadsRepository(store.db).confirmed(token);
    expect(stored?.edits).toEqual([
      { FieldName: 'Surname', OriginalFieldValue: 'ERIKSSON', RevisedFieldValue: 'ERIKSSON-LUND' },
    ]);
    const result = await rt.webFlow.result(token, APP, now(), ['web']);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]).toMatchObject({ confirmed: true, back: null });
    expect(result.documents[0]?.fields.Surname).toBe('ERIKSSON-LUND');
    expect(result.documents[0]?.portrait?.bytes.equals(reference as Buffer)).toBe(true);
    expect(result.documents[0]?.cut?.url).toMatch(/^https:\/\/kyc\.example\/media\//);
    expect(result.documents[0]?.image?.md5).toMatch(/^[0-9a-f]{32}$/);

    // The document is done: liveness may start; no more reads; a repeated confirm answers the same.
    expect((await startAttempt(token)).statusCode).toBe(201);
    expect((await read(token, fixture.photos.passport)).json()).toMatchObject({ code: '3' });
    expect((await confirm(token, { readId: r.readId })).json()).toEqual({ next: 'liveness' });
  });

  it('CheckMode 4: confirm finishes the session with "0", billed exactly once; no liveness at all', async () => {
    const token = await webSession({ CheckMode: 4 });
    expect((await view(token)).document.next).toBe('finish');
    expect((await startAttempt(token)).json()).toMatchObject({ code: '3' });
    const r = await readOk(token, fixture.photos.passport);
    expect(r.status).toBe('passed');
    const done = await confirm(token, { readId: r.readId });
    expect(done.json()).toEqual({
      next: 'finished',
      code: '0',
      message: 'Success',
      redirectTo: `https://shop.example/done?token=${token}`,
    });
    const s = await sessions.get(token, now());
    expect([s?.state, s?.resultCode]).toEqual(['finished', '0']);
    const ledger = await store.db
      .selectFrom('billing_ledger')
      .selectAll()
      .where('session_token', '=', token)
      .execute();
    expect(ledger.map((l) => [l.product, l.result_code, Number(l.billable)])).toEqual([['web', '0', 1]]);
    // Finished: a second confirm or another read is refused as completed (14), and never bills again.
    expect((await confirm(token, { readId: r.readId })).json()).toMatchObject({ code: '14' });
    expect((await startAttempt(token)).json()).toMatchObject({ code: '14' });
    const again = await store.db
      .selectFrom('billing_ledger')
      .selectAll()
      .where('session_token', '=', token)
      .execute();
    expect(again).toHaveLength(1);
  });

  it('a photocopy blocks with OCR_WARNING unless warnings are off or -9102 is not selected', async () => {
    const blocked = await webSession({ CheckMode: 4 });
    const w = await readOk(blocked, fixture.photos.photocopy);
    expect(w).toMatchObject({ status: 'failed', code: 'OCR_WARNING' });
    expect(w.warnings).toContain(-9102);
    expect(w.fields.LicenseNumber).toBe('L898902C3');
    expect((await confirm(blocked, { readId: w.readId })).statusCode).toBe(409);

    const off = await webSession({ CheckMode: 4, DisableCheckOcrWarnings: true });
    const passed = await readOk(off, fixture.photos.photocopy);
    expect(passed).toMatchObject({ status: 'passed', code: '0' });
    expect(passed.warnings).toContain(-9102);

    const narrow = await webSession({ CheckMode: 4, SelectedWarningCodes: [-9101, -9108] });
    expect((await readOk(narrow, fixture.photos.photocopy)).status).toBe('passed');
  });

  it('expired document, missing portrait, wrong document, undecodable photo: each its own code', async () => {
    const strict = await webSession({ CheckMode: 4, AllowExpiredDocument: false });
    expect((await readOk(strict, fixture.photos.passport)).code).toBe('DOCUMENT_EXPIRED');

    const mode1 = await webSession({});
    const faceless = await readOk(mode1, fixture.photos.faceless);
    expect(faceless).toMatchObject({ status: 'failed', code: 'NO_PORTRAIT' });
    expect(faceless.fields.LicenseNumber).toBe('L898902C3');
    const library = await readOk(mode1, fixture.photos.libraryCard);
    expect(library).toMatchObject({ status: 'failed', code: 'OCR_FAILED' });
    expect(library.invalidFields).toEqual(expect.arrayContaining(['LicenseNumber', 'FullName']));
    expect(await readOk(mode1, fixture.photos.broken)).toMatchObject({
      status: 'failed',
      code: 'IMAGE_INVALID',
    });
    expect((await view(mode1)).document.readsLeft).toBe(7);
  });

  it('refuses wrong token, side, type, size, flows without a document step and edits that are not allowed', async () => {
    const token = await webSession({ CheckMode: 4 });
    expect((await read('NO-SUCH-TOKEN-0000', fixture.photos.passport)).json()).toMatchObject({ code: '15' });
    expect((await read(token, fixture.photos.passport, '')).statusCode).toBe(400);
    expect((await read(token, fixture.photos.passport, 'left')).statusCode).toBe(400);
    // A passport has no back (CARD_SIDES); a MyKad does.
    expect((await read(token, fixture.photos.passport, 'back')).json()).toMatchObject({ code: '2' });
    expect((await read(token, fixture.photos.passport, 'front', 'image/gif')).statusCode).toBe(415);
    expect((await read(token, fixture.photos.passport, 'front', 'image/png')).statusCode).toBe(415);
    expect((await read(token, fixture.photos.passport.subarray(0, 500))).json()).toMatchObject({
      code: '2004',
    });
    const big = await read(token, Buffer.concat([fixture.photos.passport, Buffer.alloc(MAX_BYTES)]));
    expect([big.statusCode, big.json().code]).toEqual([413, '2004']);
    expect((await read(await webSession(null), fixture.photos.passport)).json()).toMatchObject({ code: '3' });
    expect((await view(token)).document.readsLeft).toBe(10); // none of these counted

    // A MyKad back is evidence: stored, warnings checked, no fields.
    const mykad = await webSession({ CheckMode: 4, CardType: 'MLIDCard' });
    expect((await view(mykad)).document.sides).toEqual(['front', 'back']);
    const back = await readOk(mykad, fixture.photos.photocopy, 'back');
    expect(back).toMatchObject({ side: 'back', status: 'failed', code: 'OCR_WARNING', fields: {} });
    expect((await confirm(mykad, { readId: back.readId })).statusCode).toBe(409);
    expect((await confirm(mykad, { readId: 'no-such-read-0000' })).statusCode).toBe(404);

    // SDK eKYC flow with DisableChangeOcrResult: a passed read confirms unchanged, never edited.
    const sdk = await sessions.create({
      kind: 'ekyc-sdk',
      appId: APP,
      config: {
        ...DOC,
        CheckMode: 1,
        DisableChangeOcrResult: true,
        CardOcrDisplayFields: ['FullName', 'Bogus'],
      },
      at: now(),
    });
    const v = await view(sdk.token);
    expect(v.document).toMatchObject({ allowEdit: false, displayFields: ['FullName'], next: 'liveness' });
    const r = await readOk(sdk.token, fixture.photos.passport);
    expect((await confirm(sdk.token, { readId: r.readId, fields: { Surname: 'X' } })).statusCode).toBe(400);
    expect((await confirm(sdk.token, { readId: r.readId, fields: { Surname: 'ERIKSSON' } })).json()).toEqual({
      next: 'liveness',
    });
    expect((await sessions.get(sdk.token, now()))?.hasReferenceImage).toBe(true);
  });

  it('ten photos per session: the eleventh is refused with 16 and the web session ends with 16', async () => {
    const token = await webSession({ CheckMode: 4 });
    for (let i = 0; i < 10; i++)
      expect((await readOk(token, fixture.photos.broken)).code).toBe('IMAGE_INVALID');
    const refused = await read(token, fixture.photos.broken);
    expect([refused.statusCode, refused.json().code]).toEqual([429, '16']);
    expect((await sessions.get(token, now()))?.resultCode).toBe('16');
    expect((await rt.webFlow.result(token, APP, now(), ['web'])).documents).toHaveLength(10);
  });
});
