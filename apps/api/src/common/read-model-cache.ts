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
 * (migration 1765500000000), the epoch (deletes, unit writes) and the transactions still running.
 */
interface Probe {
  seq: string | null;
  epoch: string;
  running: ReadonlySet<string>;
}

/**
 * What a cached answer was computed from: the plan's marks at a probe taken before the read, the
 * transactions running then, and the instants between which no row of the plan changes bucket.
 */
interface Mark {
  seq: string | null;
  epoch: string;
  /** Running at the probe: one of them may hold a mark below `seq` and commit later (see `holds`). */
  pending: readonly string[];
  /** The read's instant lies in [from, until): no deadline of the plan's rows in between. */
  from: number;
  until: number;
}

interface Entry {
  mark: Mark;
  body: string;
  etag: string;
  bytes: number;
}

/** One answer as served: the JSON text and its entity tag (weak: `asOf` may differ byte for byte). */
export interface CachedRead {
  body: string;
  etag: string;
}

/** An answer and the instant it is valid at (the request's: a cached answer was computed earlier). */
export interface TimedRead extends CachedRead {
  asOf: Date;
}

export interface ReadCacheLimits {
  /** 0: no cache (every read computed). */
  maxEntries: number;
  maxBytes: number;
}

const PROBE_SQL = `SELECT (SELECT max(change_seq) FROM deliverables WHERE plan_id = $1)::text AS seq,
       (SELECT epoch FROM read_model_epoch WHERE id = 1)::text AS epoch,
       ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot()))::text[] AS running`;

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
 * only after one cheap probe shows that nothing has changed, so a write is visible in the next read.
 *
 * Valid means, at the probe of the request:
 * - the plan's `max(change_seq)` and the epoch are what they were at the probe taken before the answer
 *   was computed (every insert or update of a plan's row draws a new, higher mark; deletes and unit
 *   writes bump the epoch);
 * - every transaction running at that earlier probe still runs. Marks are drawn in order but committed
 *   in any order: a writer holding a mark below the max the probe saw may commit later without moving
 *   the max. The trigger takes its transaction id before the mark, so such a writer was in that
 *   probe's in-progress list; once one of them has ended the answer is dropped, not trusted;
 * - the request's instant lies between the plan's last deadline at or before the instant the answer
 *   was computed at and its next one after (a row's bucket turns from within-deadline to overdue
 *   by the clock alone, BUCKET_SQL).
 * The probe comes before the read, so a read that sees a later write is stored under an older mark
 * and merely dropped at the next probe. The key names everything else that shapes the answer: route,
 * plan, filters, page and the caller's row scope. Bounded in entries and bytes, least recently used
 * out first; concurrent misses of one key share one computation.
 */
@Injectable()
export class ReadModelCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Answers served from the cache and computed, since start (the benchmark reports them). */
  hits = 0;
  misses = 0;
  private readonly inflight = new Map<string, Promise<Entry>>();
  /** Per plan, the deadline bounds last computed, shared by its pages. */
  private readonly bounds = new Map<string, Mark>();
  readonly limits: ReadCacheLimits;

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
   * The answer for `key` (which must name the plan and everything else the answer depends on) as of
   * the clock's now: from the cache when still valid, else `compute(asOf)` (JSON text) stored.
   */
  async read(planId: string, key: string, compute: (asOf: Date) => Promise<string>): Promise<TimedRead> {
    const asOf = this.clock.now();
    return { ...(await this.lookup(planId, key, asOf, compute)), asOf };
  }

  /** The same answer shape for a read the cache cannot validate (no plan to probe). */
  async uncached(compute: (asOf: Date) => Promise<string>): Promise<CachedRead> {
    return fresh(await compute(this.clock.now()));
  }

  private async lookup(
    planId: string,
    key: string,
    asOf: Date,
    compute: (asOf: Date) => Promise<string>,
  ): Promise<CachedRead> {
    if (this.limits.maxEntries <= 0) return fresh(await compute(asOf));
    const probe = await this.probe(planId);
    const t = asOf.getTime();
    const cached = this.entries.get(key);
    if (cached && holds(cached.mark, probe, t)) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      this.hits++;
      return cached;
    }
    this.misses++;
    const flight = `${key}\u0000${probe.seq}\u0000${probe.epoch}`;
    const shared = this.inflight.get(flight);
    if (shared) {
      const e = await shared;
      if (holds(e.mark, probe, t)) return e;
    }
    const filling = this.fill(planId, key, probe, asOf, compute);
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
    probe: Probe,
    asOf: Date,
    compute: (asOf: Date) => Promise<string>,
  ): Promise<Entry> {
    const mark = await this.markOf(planId, probe, asOf.getTime());
    const entry = { mark, ...fresh(await compute(asOf)) } as Entry;
    entry.bytes = Buffer.byteLength(entry.body) + key.length * 2 + 200;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    if (entry.bytes <= this.limits.maxBytes) {
      this.entries.set(key, entry);
      this.bytes += entry.bytes;
      this.evict();
    }
    return entry;
  }

  /** The plan's deadline bounds around `t`, reused while the plan is unchanged and `t` stays inside. */
  private async markOf(planId: string, probe: Probe, t: number): Promise<Mark> {
    const known = this.bounds.get(planId);
    if (known && holds(known, probe, t)) return known;
    const [row] = (await this.ds.query(BOUNDS_SQL, [planId, new Date(t)])) as {
      prev: Date | null;
      next: Date | null;
    }[];
    const mark: Mark = {
      seq: probe.seq,
      epoch: probe.epoch,
      pending: [...probe.running],
      from: row?.prev ? row.prev.getTime() : -Infinity,
      until: row?.next ? row.next.getTime() : Infinity,
    };
    this.bounds.delete(planId);
    this.bounds.set(planId, mark);
    while (this.bounds.size > Math.max(16, this.limits.maxEntries)) this.dropOldest(this.bounds);
    return mark;
  }

  private async probe(planId: string): Promise<Probe> {
    const [row] = (await this.ds.query(PROBE_SQL, [planId])) as {
      seq: string | null;
      epoch: string;
      running: string[];
    }[];
    return { seq: row.seq, epoch: row.epoch, running: new Set(row.running) };
  }

  private evict(): void {
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.bytes -= this.entries.get(oldest.value)!.bytes;
      this.entries.delete(oldest.value);
    }
  }

  private dropOldest<V>(m: Map<string, V>): void {
    const oldest = m.keys().next();
    if (!oldest.done) m.delete(oldest.value);
  }
}

/** Whether an answer computed under `mark` is still the answer at `probe`, at instant `t`. */
function holds(mark: Mark, probe: Probe, t: number): boolean {
  return (
    mark.seq === probe.seq &&
    mark.epoch === probe.epoch &&
    t >= mark.from &&
    t < mark.until &&
    mark.pending.every((x) => probe.running.has(x))
  );
}

function fresh(body: string): CachedRead {
  return { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
}

/**
 * Hands a read to Nest as the handler's result: JSON text with its entity tag. Express answers 304
 * itself when `If-None-Match` names the tag (its `req.fresh`), and keeps a tag already set.
 */
export function sendCachedRead(res: Response, read: CachedRead): string {
  res.setHeader('ETag', read.etag);
  res.type('application/json; charset=utf-8');
  return read.body;
}
