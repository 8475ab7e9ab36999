import { toJobView } from '../jobs/job-views';
import type { JobEntity } from '../scheduler/entities/job.entity';
import type { AdminJobViewDto } from './dto/admin-job-view.dto';

export function toAdminJobView(job: JobEntity): AdminJobViewDto {
  return { ...toJobView(job), api_key_id: job.apiKeyId ?? null, parent_id: job.parentId ?? null, status_note: job.statusNote ?? null };
}
