import { Module } from '@nestjs/common';

/** The events namespace. */
@Module({})
export class EventsModule {}
