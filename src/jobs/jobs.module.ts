import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { SchedulesController } from './schedules.controller';

/** Client job endpoints and the schedule preview. */
@Module({
  controllers: [JobsController, SchedulesController],
  providers: [JobsService],
  exports: [JobsService],
})
export class JobsModule {}
