import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DialerSettingsReply, DomainError, OrganizationQuery, Rpc, validateAgainst } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { GetDialerSettingsUseCase } from './get-dialer-settings.use-case';

@Controller()
export class SettingsMessagesController {
  constructor(private readonly getSettings: GetDialerSettingsUseCase) {}

  @MessagePattern(Rpc.Dialer.SettingsGet)
  get(@Payload() payload: unknown): Promise<DialerSettingsReply> {
    const query = validateAgainst(OrganizationQuery, payload);
    if (!query.ok) throw DomainError.validation(query.fieldErrors);
    return this.getSettings.execute(asOrgId(query.value.organizationId));
  }
}
