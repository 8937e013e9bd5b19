import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { accountsProvider } from './accounts.provider';
import { AuthController } from './auth.controller';
import { JwtStrategy } from './jwt.strategy';
import { RateLimits } from './rate-limit.provider';
import { SessionController } from './session.controller';

@Module({
  imports: [PassportModule],
  controllers: [AuthController, SessionController],
  providers: [accountsProvider, JwtStrategy, RateLimits, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [accountsProvider],
})
export class AuthModule {}
