import { ApiError, selectedWarningCodes, type CardInfoKey } from '@open-ekyc/contract';
import type { DocumentSessionConfig } from '../services/documents/document-types.js';

/**
 * A document type name of a request → its CardInfo key (contract documents/card-types.ts), the
 * default when absent; an unknown name is refused the vendor's way.
 */
export function resolveCardType(
  table: Readonly<Record<string, CardInfoKey>>,
  param: string,
  value: string | undefined,
  fallback: CardInfoKey,
): CardInfoKey {
  if (value === undefined || value === '') return fallback;
  const key = Object.hasOwn(table, value) ? table[value] : undefined;
  if (!key) {
    const shown = value.length <= 64 ? `\`${value}\` ` : '';
    throw new ApiError(
      'InvalidParameterValue',
      `The value ${shown}specified in the parameter \`${param}\` is invalid.`,
    );
  }
  return key;
}

/** The document keys of a session config (document-types.ts), with the spec's defaults applied. */
export function documentSessionConfig(input: {
  readonly CheckMode: DocumentSessionConfig['CheckMode'];
  readonly CardType: CardInfoKey;
  readonly DisableCheckOcrWarnings?: boolean;
  readonly SelectedWarningCodes?: string | readonly number[];
  readonly AllowExpiredDocument?: boolean;
  readonly DisableChangeOcrResult?: boolean;
  readonly IdCardCutReturn?: boolean;
  readonly CardOcrDisplayFields?: readonly string[];
}): DocumentSessionConfig {
  return {
    CheckMode: input.CheckMode,
    CardType: input.CardType,
    // spec: default false (warnings are checked and block).
    DisableCheckOcrWarnings: input.DisableCheckOcrWarnings ?? false,
    // spec: "If left blank, all alarm codes will be blocked by default".
    SelectedWarningCodes: selectedWarningCodes(input.SelectedWarningCodes),
    // spec: "true (default value): Allow expired ... to enter the liveness detection process".
    AllowExpiredDocument: input.AllowExpiredDocument ?? true,
    DisableChangeOcrResult: input.DisableChangeOcrResult ?? false,
    IdCardCutReturn: input.IdCardCutReturn ?? false,
    CardOcrDisplayFields: [...(input.CardOcrDisplayFields ?? [])],
  };
}
