import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';
import { IsCountryCode, IsE164, IsEntityId, IsIntBetween, IsNested, IsStringMap, IsText, IsTimestamp } from '../validation/decorators';

/** Request and reply bodies of rpc.campaign.call_list.* and rpc.campaign.import.* (B3). */
export const CALL_LIST_LIMITS = {
  nameLength: 200,
  listPageSize: 100,
  /** A header (column) name in a mapping. */
  columnName: 200,
  customVariables: 50,
  /** Bytes of one upload the gateway accepts. */
  fileBytes: 200 * 1024 * 1024,
  /** A cell longer than this is cut (stored as the first N characters). */
  cellLength: 1000,
} as const;

const L = CALL_LIST_LIMITS;

/** The JetStream Object Store bucket uploads travel in (gateway → campaign); one per subject prefix in tests. */
export function importBucketName(subjectPrefix = ''): string {
  return subjectPrefix ? `${subjectPrefix.replace(/[^A-Za-z0-9_-]/g, '_')}_imports` : 'santral_imports';
}

export const IMPORT_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Why one row of a file was not imported; phone codes come from libs/phone. */
export const IMPORT_ROW_REJECTIONS = ['MISSING_PHONE', 'DUPLICATE', 'MALFORMED_ROW', 'BAD_ENCODING', 'INVALID_TIME_ZONE', 'NOT_A_NUMBER', 'TOO_SHORT', 'TOO_LONG', 'INVALID_LENGTH', 'INVALID_COUNTRY', 'INVALID_PHONE_NUMBER'] as const;
export type ImportRowRejection = (typeof IMPORT_ROW_REJECTIONS)[number];

/** rpc.campaign.call_list.create */
export class CallListCreateRequest {
  @IsEntityId()
  organizationId: string;

  @IsText(L.nameLength)
  name: string;

  /** Country of numbers written without one; the organization's default country when absent. */
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

export class CallListReply {
  @IsEntityId()
  id: string;

  @IsText(L.nameLength)
  name: string;

  @IsCountryCode()
  country: string;

  @IsInt()
  @Min(0)
  contactCount: number;

  @IsTimestamp()
  createdAt: string;
}

/** rpc.campaign.call_list.get */
export class CallListRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callListId: string;
}

class PageQuery {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** rpc.campaign.call_list.list */
export class CallListListRequest extends PageQuery {}

export class CallListPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CallListReply)
  items: CallListReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** Which header names hold what; overrides the guess from the aliases. */
export class ImportMappingV1 {
  @IsOptional()
  @IsText(L.columnName)
  phone?: string;

  @IsOptional()
  @IsText(L.columnName)
  name?: string;

  @IsOptional()
  @IsText(L.columnName)
  timeZone?: string;

  /** Columns kept as custom variables; default: every column not mapped to phone / name / time zone. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.customVariables)
  @IsText(L.columnName, { each: true })
  variables?: string[];
}

/** rpc.campaign.import.start — the file is already in the import bucket under `objectName`. */
export class ImportStartRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callListId: string;

  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: '$property must be an object name of the import bucket' })
  objectName: string;

  @IsText(255)
  fileName: string;

  @IsOptional()
  @IsNested(() => ImportMappingV1)
  mapping?: ImportMappingV1;
}

/** rpc.campaign.import.get */
export class ImportRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  importId: string;
}

export class ImportJobReply {
  @IsEntityId()
  id: string;

  @IsEntityId()
  callListId: string;

  @IsIn(IMPORT_STATES)
  state: ImportState;

  @IsText(255)
  fileName: string;

  /** csv | xlsx, once the file was opened. */
  @IsOptional()
  @IsText(10)
  format?: string | null;

  @IsOptional()
  @IsText(40)
  encoding?: string | null;

  @IsOptional()
  @IsText(4)
  delimiter?: string | null;

  @IsInt() @Min(0) rowsRead: number;
  /** Stored as contacts (DNC ones included, flagged). */
  @IsInt() @Min(0) accepted: number;
  /** Not stored: invalid, duplicate or unreadable rows (see rejected-rows). */
  @IsInt() @Min(0) rejected: number;
  /** Of the rejected: the number was already in the list or earlier in the file. */
  @IsInt() @Min(0) duplicates: number;
  /** Of the accepted: on the organization's do-not-call list (stored with the flag, never dialled). */
  @IsInt() @Min(0) onDnc: number;

  /** Why a failed job failed (IMPORT_NO_PHONE_COLUMN, IMPORT_FILE_TOO_LARGE, …); nothing was imported. */
  @IsOptional()
  @IsText(60)
  errorCode?: string | null;

  @IsOptional()
  @IsText(1000)
  errorMessage?: string | null;

  @IsTimestamp()
  createdAt: string;

  @IsOptional()
  @IsTimestamp()
  finishedAt?: string | null;
}

/** rpc.campaign.import.rejected_rows — in line order. */
export class ImportRejectedRowsRequest extends PageQuery {
  @IsEntityId()
  importId: string;
}

export class ImportRejectedRowReply {
  /** 1-based line (row) of the file, the header being line 1. */
  @IsInt() @Min(1) line: number;

  @IsIn(IMPORT_ROW_REJECTIONS)
  code: ImportRowRejection;

  @IsText(300)
  reason: string;

  /** The phone cell as written (or the whole line when it could not be split). */
  @IsOptional()
  @IsText(L.cellLength)
  raw?: string | null;
}

export class ImportRejectedRowsReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImportRejectedRowReply)
  items: ImportRejectedRowReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** rpc.campaign.call_list.contacts — newest first. */
export class CallListContactsRequest extends PageQuery {
  @IsEntityId()
  callListId: string;
}

export class ContactReply {
  @IsEntityId()
  id: string;

  @IsE164()
  phone: string;

  @IsOptional()
  @IsText(L.cellLength)
  name?: string | null;

  @IsOptional()
  @IsText(64)
  timeZone?: string | null;

  @IsStringMap(L.customVariables, L.cellLength)
  variables: Record<string, string>;

  @IsBoolean()
  onDnc: boolean;

  /** Line of the file it came from. */
  @IsInt() @Min(1) line: number;

  @IsTimestamp()
  createdAt: string;
}

export class ContactPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContactReply)
  items: ContactReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}
