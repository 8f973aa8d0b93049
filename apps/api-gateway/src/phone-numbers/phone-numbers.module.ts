import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { NormalizePhoneNumbersUseCase } from './normalize-phone-numbers.use-case';
import { PhoneNumbersHttpController } from './phone-numbers.http.controller';

@Module({
  imports: [OrganizationsModule],
  controllers: [PhoneNumbersHttpController],
  providers: [NormalizePhoneNumbersUseCase],
})
export class PhoneNumbersModule {}
