import { Module } from '@nestjs/common';
import { DataController } from './data.controller';
import { beliefEventsProvider, getBeliefsProvider, postBeliefsProvider } from './data.providers';
import { VersionsController } from './versions.controller';

@Module({
  controllers: [DataController, VersionsController],
  providers: [beliefEventsProvider, postBeliefsProvider, getBeliefsProvider],
  exports: [beliefEventsProvider, postBeliefsProvider],
})
export class DataModule {}
