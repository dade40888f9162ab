import { Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics: requests, latency, tokens and pseudonymised entities (counts only). */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'jugwon_requests_total',
    help: 'Requests by model, policy decision and HTTP status',
    labelNames: ['model', 'decision', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'jugwon_request_duration_seconds',
    help: 'Request latency by model',
    labelNames: ['model'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'jugwon_tokens_total',
    help: 'Tokens by model and kind (prompt, completion)',
    labelNames: ['model', 'kind'],
    registers: [this.registry],
  });
  private readonly piiFound = new Counter({
    name: 'jugwon_pii_entities_total',
    help: 'Personal-data entities found in requests, by PIPA category',
    labelNames: ['category'],
    registers: [this.registry],
  });
  private readonly masked = new Counter({
    name: 'jugwon_pii_masked_total',
    help: 'Entities pseudonymised before a request left for a model',
    registers: [this.registry],
  });

  observe(o: {
    model: string;
    decision: string;
    status: number;
    seconds: number;
    prompt: number;
    completion: number;
    pii?: Record<string, number> | undefined;
    masked: number;
  }): void {
    this.requests.inc({ model: o.model, decision: o.decision, status: String(o.status) });
    this.latency.observe({ model: o.model }, o.seconds);
    if (o.prompt) this.tokens.inc({ model: o.model, kind: 'prompt' }, o.prompt);
    if (o.completion) this.tokens.inc({ model: o.model, kind: 'completion' }, o.completion);
    for (const [category, n] of Object.entries(o.pii ?? {})) this.piiFound.inc({ category }, n);
    if (o.masked) this.masked.inc(o.masked);
  }
}
