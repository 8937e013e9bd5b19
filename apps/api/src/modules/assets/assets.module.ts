import { Module } from '@nestjs/common';
import { assetsProvider, assetStateProvider } from './assets.provider';
import { AssetsController } from './assets.controller';
import { ConnectionsController } from './connections.controller';

@Module({ controllers: [AssetsController, ConnectionsController], providers: [assetsProvider, assetStateProvider], exports: [assetsProvider] })
export class AssetsModule {}
