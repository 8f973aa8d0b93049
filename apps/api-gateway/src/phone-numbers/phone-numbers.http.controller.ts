import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { ANY_ORG_ROLE, Roles } from '../auth/roles.decorator';
import { ApiBodyProblems } from '../common/api-problems.decorator';
import { NormalizePhoneNumbersUseCase } from './normalize-phone-numbers.use-case';
import { NormalizePhoneNumbersDto, NormalizePhoneNumbersResultDto } from './phone-numbers.dto';

@ApiTags('phone-numbers')
@Controller('v1/phone-numbers')
export class PhoneNumbersHttpController {
  constructor(private readonly normalize: NormalizePhoneNumbersUseCase) {}

  /** Not mutating, so no Idempotency-Key: a retry simply computes the same answer. */
  @Post('normalize')
  @HttpCode(200)
  @Roles(...ANY_ORG_ROLE)
  @ApiOperation({
    operationId: 'normalizePhoneNumbers',
    summary: 'Normalize up to 10,000 numbers to E.164, each with its reason when it cannot be',
  })
  @ApiOkResponse({ type: NormalizePhoneNumbersResultDto })
  @ApiBodyProblems()
  async normalizeNumbers(@CurrentOrg() orgId: OrgId, @Body() body: NormalizePhoneNumbersDto): Promise<NormalizePhoneNumbersResultDto> {
    return { results: await this.normalize.execute(orgId, body) };
  }
}
