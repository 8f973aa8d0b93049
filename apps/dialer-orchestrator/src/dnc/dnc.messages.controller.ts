import { Controller } from '@nestjs/common';
import { DncAddRequest, DncCheckRequest, DncListRequest, DncRemoveRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { AddDncNumbersUseCase } from './add-dnc-numbers.use-case';
import { CheckDncNumbersUseCase } from './check-dnc-numbers.use-case';
import { ListDncEntriesUseCase } from './list-dnc-entries.use-case';
import { RemoveDncEntryUseCase } from './remove-dnc-entry.use-case';

/** NATS request/reply adapter for /v1/dnc; each payload arrives validated against its contracts class. */
@Controller()
export class DncMessagesController {
  constructor(
    private readonly addNumbers: AddDncNumbersUseCase,
    private readonly listEntries: ListDncEntriesUseCase,
    private readonly removeEntry: RemoveDncEntryUseCase,
    private readonly checkNumbers: CheckDncNumbersUseCase,
  ) {}

  @RpcHandler(Rpc.Dialer.DncAdd)
  add(input: DncAddRequest) {
    return this.addNumbers.execute(input);
  }

  @RpcHandler(Rpc.Dialer.DncList)
  list(input: DncListRequest) {
    return this.listEntries.execute(input);
  }

  @RpcHandler(Rpc.Dialer.DncRemove)
  remove(input: DncRemoveRequest) {
    return this.removeEntry.execute(input);
  }

  @RpcHandler(Rpc.Dialer.DncCheck)
  check(input: DncCheckRequest) {
    return this.checkNumbers.execute(input);
  }
}
