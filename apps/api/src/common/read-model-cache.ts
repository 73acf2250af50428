import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { RowScope } from '@dondoc/persistence';
import { DondocConfig } from '@dondoc/config';
import { DATA_SOURCE, DONDOC_CONFIG } from '../tokens';

/** The instant reads are computed at; one object, so tests can move it (`jest.spyOn(clock, 'now')`). */
@Injectable()
export class ReadClock {
  now(): Date {
    return new Date();
  }
}

/**
 * What one probe of a plan says, all from one statement's snapshot: the plan's highest change mark
 * (migrations 1765500000000, 1765600000000), the epoch (deletes, unit writes), the transactions
 * running, and the plan's rows changed since the log's settled mark (id → mark, shape mark).
 */
interface Probe {
  seq: number;
  epoch: string;
  running: ReadonlySet<string>;
  changes: [id: string, seq: string, shape: string][] | null;
}

interface Change {
  seq: number;
  shape: number;
}

/**
 * The plan's changed rows as the probes have seen them, complete above `start`: every row changed
 * with a mark above it and visible to a probe is here (with its latest marks). `from` is the mark
 * below which nothing can still appear (advanced only by a probe that saw no transaction running).
 */
interface PlanLog {
  gen: number;
  epoch: string;
  start: number;
  from: number;
  top: number;
  changes: Map<string, Change>;
  /** Probes that saw transactions running: `from` may move to their mark once those have ended. */
  unsettled: { seq: number; running: ReadonlySet<string> }[];
  bounds?: Validity;
}

/**
 * What an answer was computed from: the log generation, the plan's highest mark at the probe taken
 * before it was computed, the transactions running then, and the instants between which no row of
 * the plan changes bucket by the clock.
 */
interface Validity {
  gen: number;
  seq: number;
  pending: readonly string[];
  from: number;
  until: number;
  /**
   * `rows`: only a change to one of `ids` or a change of shape (insert, due date, collector) alters
   * it: a page in a fixed order whose membership does not depend on status. `any`: every change.
   */
  kind: 'rows' | 'any';
  ids?: ReadonlySet<string>;
}

interface Entry extends CachedRead {
  valid: Validity;
  bytes: number;
}

/**
 * One answer as served: the JSON, UTF-8 encoded once when computed (so a hit writes bytes, not a
 * string to encode), and its entity tag (weak: `asOf` may differ byte for byte).
 */
export interface CachedRead {
  body: Buffer;
  etag: string;
}

/** What a read computes on a miss: its JSON and, for a `rows` read, the ids of the rows it shows. */
export interface Computed {
  body: string;
  ids?: readonly string[];
}

export interface ReadCacheLimits {
  /** 0: no cache (every read computed). */
  maxEntries: number;
  maxBytes: number;
}

/** Changed rows a probe may bring back; more (a period opening) and the plan's log starts afresh. */
const MAX_CHANGES = 1000;

const PROBE_SQL = `SELECT (SELECT max(change_seq) FROM deliverables WHERE plan_id = $1)::text AS seq,
       (SELECT epoch FROM read_model_epoch WHERE id = 1)::text AS epoch,
       ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot()))::text[] AS running,
       CASE WHEN $2::bigint IS NOT NULL THEN
         (SELECT coalesce(json_agg(json_build_array(c.id, c.change_seq::text, c.shape_seq::text)), '[]')
            FROM (SELECT id, change_seq, shape_seq FROM deliverables
                   WHERE plan_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT ${MAX_CHANGES + 1}) c)
       END AS changes`;

/** The plan's last deadline at or before the instant and its first after it (an index-only scan). */
const BOUNDS_SQL = `SELECT max(deadline_at) FILTER (WHERE deadline_at <= $2) AS prev,
       min(deadline_at) FILTER (WHERE deadline_at > $2) AS next
  FROM deliverables WHERE plan_id = $1`;

/** A stable key for a row scope: undefined (every row) or a digest of its unit lists. */
export function scopeKey(scope: RowScope | undefined): string {
  if (!scope) return '*';
  return createHash('sha1')
    .update(JSON.stringify([scope.units, scope.collects, scope.escalated ?? false]))
    .digest('base64url');
}

/**
 * A validated cache of the plan reads issue #9 measures (GET /plans/:id/status and
 * GET /deliverables?planId=…): an answer is kept with what it was computed from and served again
 * only after one probe of the plan (a single statement on two indexes) shows that nothing it shows
 * has changed, so a write is visible in the next read.
 *
 * The marks: every insert or update of a deliverable draws a new, higher `change_seq` from one
 * sequence (a row trigger); `shape_seq` is the mark of its insert or of its last change of due date,
 * deadline, collector or key. Deletes and unit writes bump one epoch. Each probe brings back the rows
 * of the plan changed since the plan's settled mark, into a per-plan log. An answer is valid when:
 * - the epoch and the log are the ones it was computed under;
 * - no row changed after the answer's mark alters it: for a page in a fixed order whose rows do not
 *   depend on status (no bucket or status filter), only a change to a row it shows or a change of
 *   shape does; for totals and status-filtered reads, any change does;
 * - every transaction running at the probe before it was computed still runs. Marks are drawn in
 *   order but committed in any order; the trigger takes the transaction id before the mark, so a
 *   writer that holds a lower mark and commits later was in that probe's in-progress list;
 * - the request's instant lies between the plan's deadlines around the instant it was computed at
 *   (a row turns from within-deadline to overdue by the clock alone, BUCKET_SQL).
 * The probe comes before the read, so a read that sees a later write is merely dropped at the next
 * probe. Keys name everything else that shapes an answer: route, plan, filters, page and the
 * caller's row scope. Bounded in entries and bytes, least recently used out first; concurrent
 * misses of one key share one computation.
 */
@Injectable()
export class ReadModelCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly logs = new Map<string, PlanLog>();
  private gens = 0;
  readonly limits: ReadCacheLimits;
  /** Answers served without computing them (kept, or shared with a concurrent miss) and computed. */
  hits = 0;
  misses = 0;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(DONDOC_CONFIG) config: DondocConfig,
    readonly clock: ReadClock,
  ) {
    this.limits = config.readCache;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * A view of one plan as of the clock's now, after one probe: its `read`s answer from the cache
   * when still valid, else compute and store. Reads that do not name a plan use `uncached`.
   */
  async plan(planId: string): Promise<PlanView> {
    const asOf = this.clock.now();
    if (this.limits.maxEntries <= 0) return new PlanView(this, planId, asOf);
    const before = this.logs.get(planId);
    const [row] = (await this.ds.query(PROBE_SQL, [planId, before ? before.from : null])) as {
      seq: string | null;
      epoch: string;
      running: string[];
      changes: [string, string, string][] | null;
    }[];
    const probe: Probe = {
      seq: Number(row.seq ?? 0),
      epoch: row.epoch,
      running: new Set(row.running),
      changes: row.changes,
    };
    const log = this.sync(planId, before, probe);
    return new PlanView(this, planId, asOf, log && { log, probe });
  }

  /** The same answer shape for a read the cache cannot validate (no plan to probe). */
  async uncached(compute: (asOf: Date) => Promise<string>): Promise<CachedRead> {
    return fresh(await compute(this.clock.now()));
  }

  /** Merges a probe into the plan's log; undefined when this request cannot use the cache. */
  private sync(planId: string, before: PlanLog | undefined, probe: Probe): PlanLog | undefined {
    const log = this.logs.get(planId);
    if (log !== before) return undefined; // replaced while probing: this probe's changes do not fit it
    const overflow = probe.changes !== null && probe.changes.length > MAX_CHANGES;
    if (!log || log.epoch !== probe.epoch || overflow) {
      const fresh: PlanLog = {
        gen: ++this.gens,
        epoch: probe.epoch,
        start: probe.seq,
        from: probe.seq,
        top: probe.seq,
        changes: new Map(),
        unsettled: [],
      };
      this.logs.delete(planId);
      this.logs.set(planId, fresh);
      while (this.logs.size > Math.max(16, this.limits.maxEntries))
        this.logs.delete(this.logs.keys().next().value!);
      return fresh;
    }
    for (const [id, seqText, shapeText] of probe.changes ?? []) {
      const seq = Number(seqText);
      const shape = Number(shapeText);
      const known = log.changes.get(id);
      if (!known || known.seq < seq) log.changes.set(id, { seq, shape: Math.max(shape, known?.shape ?? 0) });
      log.top = Math.max(log.top, seq);
    }
    // A mark at or below a probe's max that it did not see belongs to a transaction running then. Once
    // all of those have ended, this probe (which started at or below `from`) has merged what they
    // committed, so later probes may start at that max; with nothing running, at once.
    log.unsettled = log.unsettled.filter((u) => {
      const ended = [...u.running].every((x) => !probe.running.has(x));
      if (ended) log.from = Math.max(log.from, u.seq);
      return !ended;
    });
    if (probe.running.size === 0) log.from = Math.max(log.from, probe.seq);
    else log.unsettled = [...log.unsettled.slice(-31), { seq: probe.seq, running: probe.running }];
    if (log.changes.size > MAX_CHANGES) {
      this.logs.delete(planId);
      return undefined;
    }
    return log;
  }

  /** Whether an answer computed under `v` is still the answer at `probe`, at instant `t`. */
  holds(v: Validity, log: PlanLog, probe: Probe, t: number): boolean {
    if (v.gen !== log.gen || t < v.from || t >= v.until) return false;
    if (!v.pending.every((x) => probe.running.has(x))) return false;
    if (log.top <= v.seq) return true;
    for (const [id, c] of log.changes)
      if (c.seq > v.seq && (v.kind === 'any' || c.shape > v.seq || v.ids!.has(id))) return false;
    return true;
  }

  async lookup(
    planId: string,
    key: string,
    kind: Validity['kind'],
    asOf: Date,
    state: { log: PlanLog; probe: Probe },
    compute: (asOf: Date) => Promise<Computed>,
  ): Promise<CachedRead> {
    const t = asOf.getTime();
    const cached = this.entries.get(key);
    if (cached && this.holds(cached.valid, state.log, state.probe, t)) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      this.hits++;
      return cached;
    }
    const flight = `${key}\u0000${state.log.gen}\u0000${state.probe.seq}`;
    const shared = this.inflight.get(flight);
    if (shared) {
      const e = await shared;
      if (this.holds(e.valid, state.log, state.probe, t)) {
        this.hits++;
        return e;
      }
    }
    this.misses++;
    const filling = this.fill(planId, key, kind, asOf, state, compute);
    this.inflight.set(flight, filling);
    try {
      return await filling;
    } finally {
      if (this.inflight.get(flight) === filling) this.inflight.delete(flight);
    }
  }

  private async fill(
    planId: string,
    key: string,
    kind: Validity['kind'],
    asOf: Date,
    { log, probe }: { log: PlanLog; probe: Probe },
    compute: (asOf: Date) => Promise<Computed>,
  ): Promise<Entry> {
    const bounds = await this.boundsOf(planId, log, probe, asOf.getTime());
    const computed = await compute(asOf);
    const read = fresh(computed.body);
    const entry: Entry = {
      ...read,
      valid: {
        gen: log.gen,
        seq: probe.seq,
        pending: [...probe.running],
        from: bounds.from,
        until: bounds.until,
        kind,
        ids: kind === 'rows' ? new Set(computed.ids ?? []) : undefined,
      },
      bytes: read.body.length + key.length * 2 + 64 * ((computed.ids?.length ?? 0) + 4),
    };
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    if (this.logs.get(planId) === log && entry.bytes <= this.limits.maxBytes) {
      this.entries.set(key, entry);
      this.bytes += entry.bytes;
      this.evict();
    }
    return entry;
  }

  /**
   * The plan's deadline bounds around `t`, kept in its log while no row's shape (insert, deadline)
   * changed and `t` stays inside. Read after the probe, so over at least the rows it saw: narrower.
   */
  private async boundsOf(planId: string, log: PlanLog, probe: Probe, t: number): Promise<Validity> {
    if (log.bounds && this.holds(log.bounds, log, probe, t)) return log.bounds;
    const [row] = (await this.ds.query(BOUNDS_SQL, [planId, new Date(t)])) as {
      prev: Date | null;
      next: Date | null;
    }[];
    log.bounds = {
      gen: log.gen,
      seq: probe.seq,
      pending: [...probe.running],
      from: row?.prev ? row.prev.getTime() : -Infinity,
      until: row?.next ? row.next.getTime() : Infinity,
      kind: 'rows',
      ids: new Set(),
    };
    return log.bounds;
  }

  private evict(): void {
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.bytes -= this.entries.get(oldest.value)!.bytes;
      this.entries.delete(oldest.value);
    }
  }
}

/** One plan's reads in one request: one probe, one instant (`asOf`), any number of keyed reads. */
export class PlanView {
  constructor(
    private readonly cache: ReadModelCache,
    private readonly planId: string,
    readonly asOf: Date,
    private readonly state?: { log: PlanLog; probe: Probe },
  ) {}

  /**
   * The answer for `key` (naming everything but the plan that shapes it), from the cache when still
   * valid, else `compute(asOf)`. `rows`: the answer is a page in a fixed order whose rows do not
   * depend on status, and `compute` names the ids it shows; `any`: every change of the plan alters it.
   */
  async read(
    key: string,
    kind: Validity['kind'],
    compute: (asOf: Date) => Promise<Computed>,
  ): Promise<CachedRead> {
    if (!this.state) return fresh((await compute(this.asOf)).body);
    const fullKey = `${this.planId}\u0000${key}`;
    return this.cache.lookup(this.planId, fullKey, kind, this.asOf, this.state, compute);
  }
}

function fresh(json: string): CachedRead {
  const body = Buffer.from(json);
  return { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** One entity tag for an answer made of several cached parts. */
export function etagOfParts(...parts: CachedRead[]): string {
  return `W/"${createHash('sha1')
    .update(parts.map((p) => p.etag).join(','))
    .digest('base64url')}"`;
}

/**
 * Sends a read (the handler takes `@Res()`: Nest would serialise a Buffer as JSON): JSON bytes with
 * their entity tag. Express answers 304 itself when `If-None-Match` names the tag (`req.fresh`).
 */
export function sendCachedRead(res: Response, read: CachedRead): void {
  res.setHeader('ETag', read.etag);
  res.type('application/json; charset=utf-8');
  res.send(read.body);
}
