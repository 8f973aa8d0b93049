/**
 * Request/reply subjects of provider-account management (api-gateway proxies
 * /v1/provider-accounts here). Local until libs/contracts' `Rpc.Telephony` lists them.
 */
export const ProviderAccountRpc = {
  Create: 'rpc.telephony.provider_account.create',
  List: 'rpc.telephony.provider_account.list',
  Get: 'rpc.telephony.provider_account.get',
  Update: 'rpc.telephony.provider_account.update',
  Test: 'rpc.telephony.provider_account.test',
  SetOperators: 'rpc.telephony.operator_map.set',
} as const;
