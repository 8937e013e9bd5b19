import { Module } from '@nestjs/common';
import { OpsController } from './ops.controller';
import { TaskCheckTokenGuard } from './task-check-token.guard';

@Module({ controllers: [OpsController], providers: [TaskCheckTokenGuard] })
export class OpsModule {}
