import { Module } from '@nestjs/common';
import { DataController } from './data.controller';
import { beliefEventsProvider, getBeliefsProvider, postBeliefsProvider } from './data.providers';
import { UploadController } from './upload.controller';
import { VersionsController } from './versions.controller';

@Module({
  controllers: [DataController, UploadController, VersionsController],
  providers: [beliefEventsProvider, postBeliefsProvider, getBeliefsProvider],
  exports: [beliefEventsProvider, postBeliefsProvider],
})
export class DataModule {}
