import { Controller } from '@nestjs/common';
import { ImportRejectedRowsRequest, ImportRequest, ImportStartRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { GetImportUseCase } from './get-import.use-case';
import { ListRejectedRowsUseCase } from './list-rejected-rows.use-case';
import { StartImportUseCase } from './start-import.use-case';

/** NATS request/reply adapter for /v1/call-lists/{id}/imports and /v1/imports. */
@Controller()
export class ImportsMessagesController {
  constructor(
    private readonly startImport: StartImportUseCase,
    private readonly getImport: GetImportUseCase,
    private readonly rejectedRows: ListRejectedRowsUseCase,
  ) {}

  @RpcHandler(Rpc.Campaign.ImportStart)
  start(input: ImportStartRequest) {
    return this.startImport.execute(input);
  }

  @RpcHandler(Rpc.Campaign.ImportGet)
  get(input: ImportRequest) {
    return this.getImport.execute(input);
  }

  @RpcHandler(Rpc.Campaign.ImportRejectedRows)
  rejected(input: ImportRejectedRowsRequest) {
    return this.rejectedRows.execute(input);
  }
}
