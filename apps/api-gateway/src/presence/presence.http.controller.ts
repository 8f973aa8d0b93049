import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { PresenceDto, SetPresenceDto } from './presence.dto';
import { SetPresenceUseCase } from './set-presence.use-case';

/**
 * An operator's presence, kept by the dialer for AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL (E4). API keys
 * carry a role but no user, so an operator's key cannot be told apart from another operator's:
 * admins and supervisors set anyone's presence, operator keys none.
 */
@ApiTags('users')
@Controller('v1/users')
@ApiProblems(503, 504)
export class PresenceHttpController {
  constructor(private readonly setPresence: SetPresenceUseCase) {}

  @Put(':id/presence')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'setUserPresence', summary: "Set a user's presence: available, busy (optionally on a call) or offline" })
  @ApiOkResponse({ type: PresenceDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async set(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: SetPresenceDto): Promise<PresenceDto> {
    const p = await this.setPresence.execute(orgId, params.id, body);
    return { ...p, currentCallId: p.currentCallId ?? null, endpoint: p.endpoint ?? null };
  }
}
