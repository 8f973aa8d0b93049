import { Controller } from '@nestjs/common';
import { CallListContactsRequest, CallListCreateRequest, CallListListRequest, CallListRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateCallListUseCase } from './create-call-list.use-case';
import { GetCallListUseCase } from './get-call-list.use-case';
import { ListCallListsUseCase } from './list-call-lists.use-case';
import { ListContactsUseCase } from './list-contacts.use-case';

/** NATS request/reply adapter for /v1/call-lists. */
@Controller()
export class CallListsMessagesController {
  constructor(
    private readonly createList: CreateCallListUseCase,
    private readonly getList: GetCallListUseCase,
    private readonly listLists: ListCallListsUseCase,
    private readonly listContacts: ListContactsUseCase,
  ) {}

  @RpcHandler(Rpc.Campaign.CallListCreate)
  create(input: CallListCreateRequest) {
    return this.createList.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CallListGet)
  get(input: CallListRequest) {
    return this.getList.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CallListList)
  list(input: CallListListRequest) {
    return this.listLists.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CallListContacts)
  contacts(input: CallListContactsRequest) {
    return this.listContacts.execute(input);
  }
}
