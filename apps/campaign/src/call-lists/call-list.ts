export interface CallList {
  id: string;
  organizationId: string;
  name: string;
  /** ISO 3166-1 alpha-2: numbers written without a country are read as this country's (B1). */
  country: string;
  contactCount: number;
  createdAt: Date;
}

export interface Contact {
  id: string;
  phone: string;
  name: string | null;
  timeZone: string | null;
  variables: Record<string, string>;
  onDnc: boolean;
  line: number;
  createdAt: Date;
}
