import { Controller } from '@nestjs/common';
import { CallControlRequest, CallGetRequest, CallSearchRequest, CallTransferRequest, CreateCallRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateCallUseCase } from './create-call.use-case';
import { GetCallUseCase } from './get-call.use-case';
import { HangupCallUseCase } from './hangup-call.use-case';
import { ListCallsUseCase } from './list-calls.use-case';
import { TransferCallUseCase } from './transfer-call.use-case';

/** NATS request/reply adapter for /v1/calls; each payload arrives validated against its contracts class. */
@Controller()
export class CallsMessagesController {
  constructor(
    private readonly createCall: CreateCallUseCase,
    private readonly listCalls: ListCallsUseCase,
    private readonly getCall: GetCallUseCase,
    private readonly hangupCall: HangupCallUseCase,
    private readonly transferCall: TransferCallUseCase,
  ) {}

  @RpcHandler(Rpc.Dialer.CallCreate)
  create(input: CreateCallRequest) {
    return this.createCall.execute(input);
  }

  @RpcHandler(Rpc.Dialer.CallList)
  list(input: CallSearchRequest) {
    return this.listCalls.execute(input);
  }

  @RpcHandler(Rpc.Dialer.CallGet)
  get(input: CallGetRequest) {
    return this.getCall.execute(input);
  }

  @RpcHandler(Rpc.Dialer.CallHangup)
  hangup(input: CallControlRequest) {
    return this.hangupCall.execute(input);
  }

  @RpcHandler(Rpc.Dialer.CallTransfer)
  transfer(input: CallTransferRequest) {
    return this.transferCall.execute(input);
  }
}
