import { MigrationInterface } from 'typeorm';
import { SlotLeases1764500000000 } from './1764500000000-SlotLeases';
import { CallTasks1764510000000 } from './1764510000000-CallTasks';
import { DialerCampaigns1764520000000 } from './1764520000000-DialerCampaigns';
import { Calls1764530000000 } from './1764530000000-Calls';
import { DialingRules1764600000000 } from './1764600000000-DialingRules';
import { CallTaskOutcomes1764610000000 } from './1764610000000-CallTaskOutcomes';
import { DirectCallTasks1764700000000 } from './1764700000000-DirectCallTasks';
import { InboundCalls1764710000000 } from './1764710000000-InboundCalls';
import { Pacing1764800000000 } from './1764800000000-Pacing';
import { CallsApi1764830000000 } from './1764830000000-CallsApi';
import { WindowWaits1764900000000 } from './1764900000000-WindowWaits';
import { MessageRules1765000000000 } from './1765000000000-MessageRules';

/** The dialer's own migrations (the kit adds its outbox/inbox and settings tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [SlotLeases1764500000000, CallTasks1764510000000, DialerCampaigns1764520000000, Calls1764530000000, DialingRules1764600000000, CallTaskOutcomes1764610000000, DirectCallTasks1764700000000, InboundCalls1764710000000, Pacing1764800000000, CallsApi1764830000000, WindowWaits1764900000000, MessageRules1765000000000];
