import type request from 'supertest';
import { waitFor } from './wait-for';

type Http = ReturnType<typeof request>;

/** Polls `GET /jobs/:id` until the job has completed, failed or been cancelled, and answers its view. */
export function jobFinished(http: Http, id: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const job = (await http.get(`/jobs/${id}`).expect(200)).body;
    return ['completed', 'failed', 'cancelled'].includes(job.status) ? job : null;
  }, timeoutMs);
}
