import { Controller } from '@nestjs/common';
import { HotlineCreateRequest, HotlineListRequest, HotlineRequest, HotlineUpdateRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateHotlineUseCase } from './create-hotline.use-case';
import { GetHotlineUseCase } from './get-hotline.use-case';
import { ListHotlinesUseCase } from './list-hotlines.use-case';
import { UpdateHotlineUseCase } from './update-hotline.use-case';

/** NATS request/reply adapter for /v1/hotlines. */
@Controller()
export class HotlinesMessagesController {
  constructor(
    private readonly createHotline: CreateHotlineUseCase,
    private readonly listHotlines: ListHotlinesUseCase,
    private readonly getHotline: GetHotlineUseCase,
    private readonly updateHotline: UpdateHotlineUseCase,
  ) {}

  @RpcHandler(Rpc.Dialer.HotlineCreate)
  create(input: HotlineCreateRequest) {
    return this.createHotline.execute(input);
  }

  @RpcHandler(Rpc.Dialer.HotlineList)
  list(input: HotlineListRequest) {
    return this.listHotlines.execute(input);
  }

  @RpcHandler(Rpc.Dialer.HotlineGet)
  get(input: HotlineRequest) {
    return this.getHotline.execute(input);
  }

  @RpcHandler(Rpc.Dialer.HotlineUpdate)
  update(input: HotlineUpdateRequest) {
    return this.updateHotline.execute(input);
  }
}
