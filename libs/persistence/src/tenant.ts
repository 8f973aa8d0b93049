/**
 * Tenancy in the types (STYLE.md): an organization id is a branded string that only
 * `asOrgId` (at the auth boundary) or a trusted event envelope can produce, and every
 * repository method takes one. A query written without it does not compile.
 */
export type OrgId = string & { readonly __brand: 'OrgId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function asOrgId(value: string): OrgId {
  if (!UUID.test(value)) throw new Error(`Not an organization id: ${value}`);
  return value.toLowerCase() as OrgId;
}
