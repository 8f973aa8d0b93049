import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Rpc } from '@santral/contracts';
import { CreateProviderAccountUseCase } from './create-provider-account.use-case';
import { GetProviderAccountUseCase } from './get-provider-account.use-case';
import { ListProviderAccountsUseCase } from './list-provider-accounts.use-case';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';
import { TestProviderAccountUseCase } from './test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

type Body = Record<string, unknown>;
const body = (p: unknown): Body => (typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Body) : {});

/** NATS request/reply adapter for /v1/provider-accounts; translation only. */
@Controller()
export class ProviderAccountsMessagesController {
  constructor(
    private readonly createAccount: CreateProviderAccountUseCase,
    private readonly listAccounts: ListProviderAccountsUseCase,
    private readonly getAccount: GetProviderAccountUseCase,
    private readonly updateAccount: UpdateProviderAccountUseCase,
    private readonly testAccount: TestProviderAccountUseCase,
    private readonly setOperators: SetOperatorMapUseCase,
  ) {}

  @MessagePattern(Rpc.Telephony.ProviderAccountCreate)
  create(@Payload() p: unknown) {
    return this.createAccount.execute(body(p));
  }

  @MessagePattern(Rpc.Telephony.ProviderAccountList)
  list(@Payload() p: unknown) {
    return this.listAccounts.execute(body(p));
  }

  @MessagePattern(Rpc.Telephony.ProviderAccountGet)
  get(@Payload() p: unknown) {
    return this.getAccount.execute(body(p));
  }

  @MessagePattern(Rpc.Telephony.ProviderAccountUpdate)
  update(@Payload() p: unknown) {
    return this.updateAccount.execute(body(p));
  }

  @MessagePattern(Rpc.Telephony.ProviderAccountTest)
  test(@Payload() p: unknown) {
    return this.testAccount.execute(body(p));
  }

  @MessagePattern(Rpc.Telephony.OperatorMapSet)
  operators(@Payload() p: unknown) {
    return this.setOperators.execute(body(p));
  }
}
