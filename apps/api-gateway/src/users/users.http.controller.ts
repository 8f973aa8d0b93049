import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type OrgId, pageRequest } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto } from '../common/common.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateUserUseCase } from './create-user.use-case';
import { ListUsersUseCase } from './list-users.use-case';
import type { User } from './user';
import { CreateUserDto, UserDto, UserPageDto } from './user.dto';

@ApiTags('users')
@Controller('v1/users')
export class UsersHttpController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly listUsers: ListUsersUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ operationId: 'createUser', summary: 'Add a user (admin, supervisor or operator)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBodyProblems()
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.createUser.execute(orgId, body));
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ operationId: 'listUsers', summary: 'List the organization\'s users' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<UserPageDto> {
    const page = await this.listUsers.execute(orgId, pageRequest(query.limit, query.cursor));
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }
}

function toUserDto(user: User): UserDto {
  return { id: user.id, name: user.name, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() };
}
