import { Module } from '@nestjs/common';

/** The storage namespace. */
@Module({})
export class StorageModule {}
