import { Module } from '@nestjs/common';

/** The notifications namespace. */
@Module({})
export class NotificationsModule {}
