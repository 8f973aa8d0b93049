import { Controller } from '@nestjs/common';
import { DialerSettingsReply, OrganizationQuery, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { GetDialerSettingsUseCase } from './get-dialer-settings.use-case';

@Controller()
export class SettingsMessagesController {
  constructor(private readonly getSettings: GetDialerSettingsUseCase) {}

  /** The payload is already an OrganizationQuery (NatsRpcServer validated it). */
  @RpcHandler(Rpc.Dialer.SettingsGet)
  get(query: OrganizationQuery): Promise<DialerSettingsReply> {
    return this.getSettings.execute(asOrgId(query.organizationId));
  }
}
