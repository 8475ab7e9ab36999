import { IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '../../common/dto/page.query';
import { JobFilterDto } from './job-filter.dto';

/** `GET /admin/jobs`: a filter and a page, newest first. */
export class ListJobsQuery extends IntersectionType(JobFilterDto, PageQuery) {}
