import { Module } from '@nestjs/common';
import { ControlController, ControlWrongMethodController } from './control.controller';
import { deviceMessageProvider, postUdiEventProvider, storageSchedulerProvider } from './control.providers';

/** Device control: UDI events in, device messages (schedules) out. */
@Module({
  controllers: [ControlController, ControlWrongMethodController],
  providers: [storageSchedulerProvider, postUdiEventProvider, deviceMessageProvider],
})
export class ControlModule {}
