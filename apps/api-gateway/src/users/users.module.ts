import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateUserUseCase } from './create-user.use-case';
import { ListUsersUseCase } from './list-users.use-case';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersHttpController } from './users.http.controller';
import { UsersPort } from './users.port';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersHttpController],
  providers: [{ provide: UsersPort, useClass: UserRepository }, CreateUserUseCase, ListUsersUseCase],
  exports: [UsersPort],
})
export class UsersModule {}
