import {
  CARD_INFO_KEYS,
  CARD_SIDES,
  CARD_STRUCT_FIELDS,
  selectedWarningCodes,
  WEB_ID_CARD_TYPE_DEFAULT,
  type CardInfoKey,
  type DocumentSide,
} from '@open-ekyc/contract';
import { displayStructFields } from './card-rules.js';

/** The document step of a session, from the DocumentSessionConfig keys of its stored config. */
export interface DocumentSettings {
  /** 1: document, then liveness compared with the document's portrait; 4: the document only. */
  readonly checkMode: 1 | 4;
  readonly cardType: CardInfoKey;
  readonly sides: readonly DocumentSide[];
  readonly checkWarnings: boolean;
  /** Warning codes that block a read (when checkWarnings). */
  readonly blockingWarnings: readonly number[];
  readonly allowExpired: boolean;
  readonly allowEdit: boolean;
  readonly cutReturn: boolean;
  /** Struct fields to show; [] = all. */
  readonly displayFields: readonly string[];
  /** The struct's fields, in spec order. */
  readonly structFields: readonly string[];
}

/**
 * Null unless CheckMode is 1 or 4 (spec §8 WebVerificationConfigIntl.CheckMode; §7.1
 * ApplySdkVerificationToken CheckMode 1). Missing keys take the DocumentSessionConfig defaults, so a
 * config written before a key existed still reads.
 */
export function documentSettings(config: Readonly<Record<string, unknown>>): DocumentSettings | null {
  const mode = Number(config.CheckMode);
  if (mode !== 1 && mode !== 4) return null;
  const cardType = (CARD_INFO_KEYS as readonly unknown[]).includes(config.CardType)
    ? (config.CardType as CardInfoKey)
    : WEB_ID_CARD_TYPE_DEFAULT;
  const structFields: readonly string[] = CARD_STRUCT_FIELDS[cardType];
  const selected = config.SelectedWarningCodes;
  const display = Array.isArray(config.CardOcrDisplayFields)
    ? config.CardOcrDisplayFields.filter((f): f is string => typeof f === 'string')
    : [];
  return {
    checkMode: mode,
    cardType,
    sides: CARD_SIDES[cardType],
    checkWarnings: config.DisableCheckOcrWarnings !== true,
    blockingWarnings: selectedWarningCodes(
      typeof selected === 'string' || Array.isArray(selected) ? (selected as string | number[]) : undefined,
    ),
    allowExpired: config.AllowExpiredDocument !== false,
    allowEdit: config.DisableChangeOcrResult !== true,
    cutReturn: config.IdCardCutReturn === true,
    displayFields: displayStructFields(cardType, display, structFields),
    structFields,
  };
}
