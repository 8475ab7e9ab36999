import { PageQuery } from '../../common/dto/page.query';

/** `GET /jobs/:id/runs`: oldest first. */
export class ListRunsQuery extends PageQuery {}
