/**
 * A tiny Prometheus text-format registry (INTERFACES.md §3 `/metrics`): counters and
 * histograms with labels. Label values are escaped per the exposition format.
 */

type Labels = Readonly<Record<string, string>>;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabel(labels[k] as string)}"`)
    .join(',');
}

function fmt(n: number): string {
  if (n === Infinity) return '+Inf';
  return String(n);
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${fmt(v)}`);
    return lines.join('\n');
  }
}

interface HistogramSeries {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Metric {
  private readonly series = new Map<string, HistogramSeries>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const k = labelKey(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.buckets.length; i++)
      if (value <= (this.buckets[i] as number)) (s.counts[i] as number)++;
    s.sum += value;
    s.count++;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k ? ',' : '';
      this.buckets.forEach((b, i) =>
        lines.push(`${this.name}_bucket{${k}${sep}le="${fmt(b)}"} ${s.counts[i]}`),
      );
      lines.push(`${this.name}_bucket{${k}${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${fmt(s.sum)}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];
  private readonly gauges: Array<{ name: string; help: string; read: () => number }> = [];

  counter(name: string, help: string): Counter {
    const c = new Counter(name, help);
    this.metrics.push(c);
    return c;
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const h = new Histogram(name, help, buckets);
    this.metrics.push(h);
    return h;
  }

  /** A gauge read at scrape time. */
  gauge(name: string, help: string, read: () => number): void {
    this.gauges.push({ name, help, read });
  }

  render(): string {
    const parts = this.metrics.map((m) => m.render());
    for (const g of this.gauges)
      parts.push(`# HELP ${g.name} ${g.help}\n# TYPE ${g.name} gauge\n${g.name} ${fmt(g.read())}`);
    return parts.join('\n') + '\n';
  }
}

/** The gateway's metrics: one counter and one latency histogram by action and result code. */
export interface GatewayMetrics {
  readonly registry: MetricsRegistry;
  readonly requests: Counter;
  readonly latency: Histogram;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new MetricsRegistry();
  const requests = registry.counter('ekyc_api_requests_total', 'API requests by action and result code.');
  const latency = registry.histogram(
    'ekyc_api_request_duration_seconds',
    'API request latency by action and result code.',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  registry.gauge(
    'process_resident_memory_bytes',
    'Resident memory size in bytes.',
    () => process.memoryUsage().rss,
  );
  registry.gauge('process_uptime_seconds', 'Process uptime in seconds.', () => process.uptime());
  return { registry, requests, latency };
}
