import { Controller } from '@nestjs/common';
import {
  OperatorMapSetRequest,
  ProviderAccountCreateRequest,
  ProviderAccountListRequest,
  ProviderAccountRequest,
  ProviderAccountUpdateRequest,
  Rpc,
} from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateProviderAccountUseCase } from './create-provider-account.use-case';
import { GetProviderAccountUseCase } from './get-provider-account.use-case';
import { ListProviderAccountsUseCase } from './list-provider-accounts.use-case';
import { RotateWebhookTokenUseCase } from './rotate-webhook-token.use-case';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';
import { TestProviderAccountUseCase } from './test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

/** NATS request/reply adapter for /v1/provider-accounts; each payload arrives validated against its contracts class. */
@Controller()
export class ProviderAccountsMessagesController {
  constructor(
    private readonly createAccount: CreateProviderAccountUseCase,
    private readonly listAccounts: ListProviderAccountsUseCase,
    private readonly getAccount: GetProviderAccountUseCase,
    private readonly updateAccount: UpdateProviderAccountUseCase,
    private readonly testAccount: TestProviderAccountUseCase,
    private readonly setOperators: SetOperatorMapUseCase,
    private readonly rotateToken: RotateWebhookTokenUseCase,
  ) {}

  @RpcHandler(Rpc.Telephony.ProviderAccountCreate)
  create(input: ProviderAccountCreateRequest) {
    return this.createAccount.execute(input);
  }

  @RpcHandler(Rpc.Telephony.ProviderAccountList)
  list(input: ProviderAccountListRequest) {
    return this.listAccounts.execute(input);
  }

  @RpcHandler(Rpc.Telephony.ProviderAccountGet)
  get(input: ProviderAccountRequest) {
    return this.getAccount.execute(input);
  }

  @RpcHandler(Rpc.Telephony.ProviderAccountUpdate)
  update(input: ProviderAccountUpdateRequest) {
    return this.updateAccount.execute(input);
  }

  @RpcHandler(Rpc.Telephony.ProviderAccountTest)
  test(input: ProviderAccountRequest) {
    return this.testAccount.execute(input);
  }

  @RpcHandler(Rpc.Telephony.ProviderAccountRotateWebhookToken)
  rotateWebhookToken(input: ProviderAccountRequest) {
    return this.rotateToken.execute(input);
  }

  @RpcHandler(Rpc.Telephony.OperatorMapSet)
  operators(input: OperatorMapSetRequest) {
    return this.setOperators.execute(input);
  }
}
