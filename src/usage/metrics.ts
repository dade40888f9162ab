import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EndpointState } from '../models/pool.js';

/** Each pooled model's nodes, read when /metrics is scraped. */
export type PoolSource = () => { model: string; endpoints: EndpointState[] }[];

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

  /** Per-endpoint metrics of model pools: load, health, requests and failures. */
  watchPools(source: PoolSource): void {
    const each = (fn: (model: string, e: EndpointState) => void) => {
      for (const p of source()) for (const e of p.endpoints) fn(p.model, e);
    };
    const labelNames = ['model', 'endpoint'] as const;
    new Gauge({
      name: 'jugwon_endpoint_outstanding',
      help: 'Requests a pool endpoint is answering now',
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        each((model, e) => this.set({ model, endpoint: e.endpoint }, e.outstanding));
      },
    });
    new Gauge({
      name: 'jugwon_endpoint_up',
      help: 'Whether a pool endpoint takes requests (0: ejected after failures or a failed health check)',
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        each((model, e) => this.set({ model, endpoint: e.endpoint }, e.state === 'up' ? 1 : 0));
      },
    });
    new Counter({
      name: 'jugwon_endpoint_requests_total',
      help: 'Requests sent to a pool endpoint, by outcome',
      labelNames: ['model', 'endpoint', 'outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        each((model, e) => {
          this.inc({ model, endpoint: e.endpoint, outcome: 'ok' }, e.requests - e.failures);
          this.inc({ model, endpoint: e.endpoint, outcome: 'failed' }, e.failures);
        });
      },
    });
    new Counter({
      name: 'jugwon_endpoint_ejections_total',
      help: 'Times a pool endpoint was ejected in a row (reset by a success)',
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        each((model, e) => this.inc({ model, endpoint: e.endpoint }, e.ejections));
      },
    });
  }

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
