import { codeEnum, type CodesOf } from '../common/code-enum';

/** Campaign, agent and call-list errors, including the start checks of D3. */
export const CampaignErrorCode = codeEnum(
  'CAMPAIGN_AGENT_MISSING',
  'AGENT_INACTIVE',
  'AGENT_INCOMPLETE',
  'CAMPAIGN_LIST_EMPTY',
  'CAMPAIGN_SCHEDULE_OVER',
  'INSUFFICIENT_CREDITS',
  'CAMPAIGN_INVALID_STATE',
  'CAMPAIGN_NOT_EDITABLE',
  'CAMPAIGN_AGENT_NOT_FOUND',
  'CAMPAIGN_CALL_LIST_NOT_FOUND',
  'CAMPAIGN_UNKNOWN_VARIABLE',
  'INVALID_FORWARDING_TARGET',
  'IMPORT_NO_PHONE_COLUMN',
  'IMPORT_MAPPING_INVALID',
  'IMPORT_FILE_UNREADABLE',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_UNSUPPORTED_FORMAT',
);
export type CampaignErrorCode = CodesOf<typeof CampaignErrorCode>;

/** D3 start checks, in the order they are made. */
export const CAMPAIGN_START_CHECK_ORDER: readonly CampaignErrorCode[] = [
  CampaignErrorCode.CAMPAIGN_AGENT_MISSING,
  CampaignErrorCode.AGENT_INACTIVE,
  CampaignErrorCode.AGENT_INCOMPLETE,
  CampaignErrorCode.CAMPAIGN_LIST_EMPTY,
  CampaignErrorCode.CAMPAIGN_UNKNOWN_VARIABLE,
  CampaignErrorCode.CAMPAIGN_SCHEDULE_OVER,
  CampaignErrorCode.INSUFFICIENT_CREDITS,
];
