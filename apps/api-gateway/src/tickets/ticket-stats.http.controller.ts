import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_CLOSE_TARGET_HOURS, Rpc } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ServiceRpc } from '../common/service-rpc';
import { TicketStatsDto, TicketStatsQueryDto } from './ticket-stats.dto';

const DESCRIPTION =
  'The figures of S4 §19–24 for the period [from, to). Counts: new, newFromCustomer, reopened, newOrReopened, inProgress, withReply, replies, closed ' +
  '(closed in the period with a conversation), closeSlaBreaches. averageCloseSeconds and closeSlaBreaches leave out tickets whose creation and close ' +
  `times are equal; the close target is closeTargetHours (default ${DEFAULT_CLOSE_TARGET_HOURS}). averageFirstResponseSeconds leaves call tickets out. ` +
  'groupBy: none (one group), assignee (per operator, "En iyiler"), kind (per channel, "İletişim kanalları"). Admin and supervisor keys only. ' +
  '422 TICKET_STATS_PERIOD_INVERTED when `to` is before `from`.';

/** GET /v1/tickets/stats (J11): the ticketing service adds the figures up; the controller only forwards. */
@ApiTags('tickets')
@Controller('v1')
@ApiProblems(503, 504)
export class TicketStatsHttpController {
  constructor(private readonly ticketing: ServiceRpc) {}

  @Get('tickets/stats')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getTicketStats', summary: 'Ticket statistics of a period (J11)', description: DESCRIPTION })
  @ApiOkResponse({ type: TicketStatsDto })
  @ApiProblems(400, 403, 422, 500)
  stats(@CurrentOrg() orgId: OrgId, @Query() query: TicketStatsQueryDto): Promise<TicketStatsDto> {
    return this.ticketing.request(Rpc.Ticketing.TicketStats, { ...query, organizationId: orgId });
  }
}
