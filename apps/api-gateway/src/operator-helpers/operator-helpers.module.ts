import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { NoteTemplatesHttpController, QualitySamplesHttpController } from './operator-helpers.http.controller';

/** /v1/note-templates and /v1/quality-samples: the HTTP face of the ticketing service's operator helpers (K9). */
@Module({ controllers: [NoteTemplatesHttpController, QualitySamplesHttpController], providers: [ServiceRpc] })
export class OperatorHelpersModule {}
