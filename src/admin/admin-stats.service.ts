import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OccurrenceQueue } from '../scheduler/occurrence-queue';
import type { AdminStatsDto, LatenessDto, MinuteRunsDto } from './dto/admin-stats.dto';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

const HOUR_MS = 3_600_000;

/** Figures for operators, read from MySQL (jobs, runs) and Bull (what waits in Redis). */
@Injectable()
export class AdminStatsService {
  constructor(
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly occurrences: OccurrenceQueue,
  ) {}

  async stats(now = Date.now()): Promise<AdminStatsDto> {
    const since = new Date(now - HOUR_MS);
    const [counts, queue, perMinute, lateness] = await Promise.all([
      this.dataSource.query('SELECT namespace, status, COUNT(*) AS n FROM jobs GROUP BY namespace, status'),
      this.occurrences.queue.getJobCounts(),
      this.runsPerMinute(since),
      this.lateness(since),
    ]);
    const byStatus: Record<string, number> = {};
    const byNamespace: Record<string, Record<string, number>> = {};
    for (const row of counts as Array<{ namespace: string; status: string; n: string | number }>) {
      const n = Number(row.n);
      byStatus[row.status] = (byStatus[row.status] ?? 0) + n;
      (byNamespace[row.namespace] ??= {})[row.status] = n;
    }
    return {
      by_status: byStatus,
      by_namespace: byNamespace,
      queue: { waiting: queue.waiting, active: queue.active, delayed: queue.delayed },
      runs_per_minute: perMinute,
      lateness,
    };
  }

  private async runsPerMinute(since: Date): Promise<MinuteRunsDto[]> {
    const rows: Array<{ minute: Date; runs: string | number; failures: string | number }> = await this.dataSource.query(
      `SELECT TIMESTAMP(DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:00')) AS minute, COUNT(*) AS runs, SUM(status = 'failed') AS failures
       FROM job_runs WHERE started_at >= ? AND attempt > 0 GROUP BY minute ORDER BY minute`,
      [since],
    );
    return rows.map((r) => ({ minute: new Date(r.minute).getTime(), runs: Number(r.runs), failures: Number(r.failures) }));
  }

  /** Percentiles by rank, sorted in MySQL, so an hour of samples never travels to the process. */
  private async lateness(since: Date): Promise<LatenessDto> {
    const [{ n }] = await this.dataSource.query('SELECT COUNT(lateness_ms) AS n FROM job_runs WHERE started_at >= ?', [since]);
    const samples = Number(n);
    if (samples === 0) return { samples, p50_ms: null, p99_ms: null };
    const at = async (p: number): Promise<number> => {
      const rank = Math.min(samples - 1, Math.ceil((p / 100) * samples) - 1);
      const [row] = await this.dataSource.query(
        'SELECT lateness_ms AS v FROM job_runs WHERE started_at >= ? AND lateness_ms IS NOT NULL ORDER BY lateness_ms LIMIT 1 OFFSET ?',
        [since, Math.max(0, rank)],
      );
      return Number(row.v);
    };
    const [p50, p99] = await Promise.all([at(50), at(99)]);
    return { samples, p50_ms: p50, p99_ms: p99 };
  }
}
