import {
  codeInForce,
  GetSdkVerificationResultRequest,
  GetSdkVerificationResultResponse,
  type CompareResult,
  type FileInfo,
  type VerificationDetail,
} from '@open-ekyc/contract';
import type { BillingService } from '../services/billing/billing-service.js';
import type { StoredFile, WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';
import { cardInfoOcrJson, cardVerifyResultOf, fileInfoOf, outcomePassed } from './document-results.js';

/**
 * The eKYC SDK table (ekyc-sdk catalog) has no code for an unfinished process; its App-SDK sibling
 * (selfie-sdk, spec §7.1 GetFaceIdResultIntl) says "-999: The verification process wasn't finished",
 * and the eKYC SDK is the same product family, so we answer the same, with its description.
 */
const NOT_FINISHED = '-999';

/** spec §8 marks these FileInfo fields never null: an empty one stands for "no file". */
const NO_FILE: FileInfo = { Url: '', MD5: '', Size: 0 };

type AttemptFiles = { readonly video: StoredFile | null; readonly bestFrame: StoredFile | null };

const str = (n: number | null): string => (n === null ? '' : String(n));

/** One liveness attempt → spec §8 CompareResult (codes as Strings, as the spec types them). */
export function compareResultOf(
  d: VerificationDetail,
  files: AttemptFiles | undefined,
  profile: StoredFile | null,
  at: Date,
): CompareResult {
  const code = str(d.ErrorCode);
  const video = fileInfoOf(files?.video ?? null) ?? NO_FILE;
  return {
    ErrorCode: code,
    ErrorMsg: d.ErrorMsg ?? '',
    // "The liveness algorithm package" of the vendor SDK: we have none.
    LiveData: NO_FILE,
    LiveVideo: video,
    // The web SDK records one clip, actions included (as GetFaceIdResultIntl's ActionVideo).
    ActionVideo: video,
    LiveErrorCode: str(d.LivenessErrorCode),
    LiveErrorMsg: d.LivenessErrorMsg ?? '',
    BestFrame: fileInfoOf(files?.bestFrame ?? null),
    ProfileImage: fileInfoOf(profile) ?? NO_FILE,
    // The vendor's example reports "" when no comparison was made.
    CompareErrorCode: str(d.CompareErrorCode),
    CompareErrorMsg: d.CompareErrorMsg ?? '',
    Sim: d.Similarity ?? 0,
    // spec: "This parameter is disused." We say whether this attempt's code is billable.
    IsNeedCharge: code !== '' && (codeInForce('ekyc-sdk', code, at)?.billable ?? false),
    // spec: "Currently, this parameter is not applied."
    CardInfoInputJson: null,
    RequestId: d.Seq ?? '',
  };
}

/**
 * GetSdkVerificationResult (spec §7.1): the eKYC SDK session's result, readable for 3 days by the
 * app that issued the token. Result/Description from the ekyc-sdk catalog, "-999" while unfinished
 * (also when the user left or the token expired: the SDK table has no code for either). One
 * CardVerifyResult per document read and one CompareResult per liveness attempt, in order.
 * ProfileImage is the portrait of the confirmed document (the CheckMode 1 reference).
 */
export function createGetSdkVerificationResult(deps: {
  webFlow: Pick<WebFlowService, 'result' | 'attemptFiles' | 'jsonFile'>;
  billing: Pick<BillingService, 'chargeCount'>;
}) {
  return defineAction({
    name: 'GetSdkVerificationResult',
    request: GetSdkVerificationResultRequest,
    response: GetSdkVerificationResultResponse,
    async handle(caller, input) {
      const at = caller.receivedAt;
      const r = await deps.webFlow.result(input.SdkToken, caller.appId, at, ['ekyc-sdk']);
      const finished = r.session.state === 'finished' && r.code !== null;
      const code = finished ? (r.code as string) : NOT_FINISHED;
      const description = finished
        ? (r.message ?? code)
        : (codeInForce('selfie-sdk', NOT_FINISHED, at)?.description ?? '');
      const documents = r.documents;
      const cards = await Promise.all(
        documents.map(async (o) => {
          const json = outcomePassed(o)
            ? fileInfoOf(
                await deps.webFlow.jsonFile(o.front.id, cardInfoOcrJson(o.front.cardType, o.fields), at),
              )
            : null;
          return cardVerifyResultOf(o, json);
        }),
      );
      const reference = [...documents].reverse().find((o) => o.confirmed) ?? null;
      const files = await deps.webFlow.attemptFiles(input.SdkToken, at);
      return {
        Result: code,
        Description: description,
        ChargeCount: await deps.billing.chargeCount(input.SdkToken),
        CardVerifyResults: cards,
        CompareResults: r.details.map((d, i) =>
          compareResultOf(d, files[i], reference?.portrait ?? null, at),
        ),
        Extra: r.session.extra ?? '',
        DeviceInfoLevel: '',
        RequestId: caller.requestId,
      };
    },
  });
}
