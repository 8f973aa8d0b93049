import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { UsersModule } from '../users/users.module';
import { PresenceHttpController } from './presence.http.controller';
import { SetPresenceUseCase } from './set-presence.use-case';

/** PUT /v1/users/{id}/presence: checks the user is the organization's, then forwards to the dialer. */
@Module({ imports: [UsersModule], controllers: [PresenceHttpController], providers: [ServiceRpc, SetPresenceUseCase] })
export class PresenceModule {}
