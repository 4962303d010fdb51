import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics.js';

describe('MetricsRegistry', () => {
  it('renders counters and cumulative histogram buckets in Prometheus text format', () => {
    const r = new MetricsRegistry();
    const c = r.counter('reqs_total', 'Requests.');
    const h = r.histogram('lat_seconds', 'Latency.', [0.1, 1]);
    c.inc({ action: 'A', code: 'Success' });
    c.inc({ code: 'Success', action: 'A' });
    c.inc({ action: 'B', code: 'say "hi"\n\\' });
    h.observe({ action: 'A' }, 0.05);
    h.observe({ action: 'A' }, 0.5);
    h.observe({ action: 'A' }, 5);
    const text = r.render();
    expect(text).toContain('# TYPE reqs_total counter');
    expect(text).toContain('reqs_total{action="A",code="Success"} 2');
    expect(text).toContain('reqs_total{action="B",code="say \\"hi\\"\\n\\\\"} 1');
    expect(text).toContain('lat_seconds_bucket{action="A",le="0.1"} 1');
    expect(text).toContain('lat_seconds_bucket{action="A",le="1"} 2');
    expect(text).toContain('lat_seconds_bucket{action="A",le="+Inf"} 3');
    expect(text).toContain('lat_seconds_sum{action="A"} 5.55');
    expect(text).toContain('lat_seconds_count{action="A"} 3');
    expect(text.endsWith('\n')).toBe(true);
  });
});
