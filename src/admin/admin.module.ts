import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { AdminJobController } from './admin-job.controller';
import { AdminJobsController } from './admin-jobs.controller';
import { AdminJobsService } from './admin-jobs.service';
import { AdminStatsController } from './admin-stats.controller';
import { AdminStatsService } from './admin-stats.service';
import { BulkControlsService } from './bulk-controls.service';
import { JobControlsService } from './job-controls.service';

/** The operators' API under `/admin` (admin scope): list, inspect and steer jobs; stats. */
@Module({
  imports: [JobsModule],
  controllers: [AdminJobsController, AdminJobController, AdminStatsController],
  providers: [AdminJobsService, JobControlsService, BulkControlsService, AdminStatsService],
})
export class AdminModule {}
