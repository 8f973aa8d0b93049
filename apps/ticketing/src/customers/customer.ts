/** A customer of the organization (B2, J2); phones are E.164, each with its caller-ID key. */
export interface CustomerPhone {
  e164: string;
  callerIdKey: string;
}

export interface Customer {
  id: string;
  organizationId: string;
  name: string;
  email: string | null;
  company: string | null;
  notes: string | null;
  customFields: Record<string, string>;
  phones: CustomerPhone[];
  createdAt: Date;
  updatedAt: Date;
}

/** One call of a number, as the card lists it. */
export interface CustomerCall {
  callId: string;
  callerIdKey: string;
  direction: 'outbound' | 'inbound';
  reason: string;
  talkSeconds: number;
  endedAt: Date;
}

export interface EnrichmentSettings {
  url: string | null;
  secret: string;
  timeoutMs: number;
}
