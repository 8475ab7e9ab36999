import { register as globalRegistry } from 'prom-client';
import { DispatchMetrics } from './dispatch-metrics';

/** One sample of a series; `_sum`/`_count` series are read from their histogram. */
const value = async (metrics: DispatchMetrics, series: string, labels: Record<string, string>): Promise<number | undefined> => {
  const name = metrics.registry.getSingleMetric(series) ? series : series.replace(/_(sum|count)$/, '');
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find(
    (v) => ((v as { metricName?: string }).metricName ?? name) === series && Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  )?.value;
};

describe('DispatchMetrics', () => {
  it('counts dispatched jobs by namespace', async () => {
    const metrics = new DispatchMetrics();
    metrics.jobsDispatched('actions');
    metrics.jobsDispatched('actions', 4);
    metrics.jobsDispatched('events', 2);
    expect(await value(metrics, 'dispatch_jobs_dispatched_total', { namespace: 'actions' })).toBe(5);
    expect(await value(metrics, 'dispatch_jobs_dispatched_total', { namespace: 'events' })).toBe(2);
  });

  it('counts runs by outcome and observes duration and lateness in seconds', async () => {
    const metrics = new DispatchMetrics();
    metrics.runFinished('storage', 'completed', 1500, 250);
    metrics.runFinished('storage', 'failed', 500, 0);
    metrics.runFinished('storage', 'skipped', null, null);
    expect(await value(metrics, 'dispatch_runs_total', { namespace: 'storage', outcome: 'completed' })).toBe(1);
    expect(await value(metrics, 'dispatch_runs_total', { namespace: 'storage', outcome: 'skipped' })).toBe(1);
    expect(await value(metrics, 'dispatch_run_duration_seconds_sum', { namespace: 'storage', outcome: 'completed' })).toBe(1.5);
    expect(await value(metrics, 'dispatch_run_duration_seconds_count', { namespace: 'storage', outcome: 'failed' })).toBe(1);
    expect(await value(metrics, 'dispatch_run_lateness_seconds_count', { namespace: 'storage' })).toBe(2);
    expect(await value(metrics, 'dispatch_run_lateness_seconds_sum', { namespace: 'storage' })).toBe(0.25);
  });

  it('keeps each instance apart, and out of the global registry', async () => {
    const a = new DispatchMetrics();
    const b = new DispatchMetrics();
    a.jobsDispatched('actions', 3);
    expect(await value(b, 'dispatch_jobs_dispatched_total', { namespace: 'actions' })).toBeUndefined();
    expect(globalRegistry.getSingleMetric('dispatch_jobs_dispatched_total')).toBeUndefined();
    const { contentType, body } = await a.scrape();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('dispatch_jobs_dispatched_total{namespace="actions"} 3');
  });
});
