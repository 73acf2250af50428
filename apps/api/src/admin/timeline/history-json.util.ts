import { temporal } from '@temporalio/proto';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
type IPayload = temporal.api.common.v1.IPayload;

const EVENT_TYPE = temporal.api.enums.v1.EventType;

/** A protobuf int64 (Long), number or string as a JS number (event ids and seconds fit in 2^53). */
export function toNumber(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  return Number(String(v));
}

/** A protobuf Timestamp as an ISO-8601 UTC string. */
export function timestampIso(t: temporal.api.history.v1.IHistoryEvent['eventTime']): string | null {
  if (!t) return null;
  return new Date(toNumber(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString();
}

/** A protobuf Duration in milliseconds. */
export function durationMs(d: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  if (!d) return 0;
  return toNumber(d.seconds) * 1000 + Math.floor((d.nanos ?? 0) / 1e6);
}

/** `EVENT_TYPE_TIMER_STARTED` → `TimerStarted`, as the Temporal Web UI and CLI name event types. */
export function eventTypeName(t: unknown): string {
  const raw = typeof t === 'number' ? EVENT_TYPE[t] : String(t);
  if (!raw) return `Unknown(${String(t)})`;
  return raw
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
}

function bytesOf(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.alloc(0);
}

/**
 * One payload's value when it is cheap to decode (the default converter's `json/plain` and
 * `binary/null`); anything else (encrypted, protobuf, binary) stays `{ encoding, bytes }`.
 */
export function decodePayload(p: IPayload | null | undefined): unknown {
  if (!p) return undefined;
  const encoding = p.metadata?.encoding ? bytesOf(p.metadata.encoding).toString('utf8') : '';
  if (encoding === 'binary/null') return null;
  const data = bytesOf(p.data);
  if (encoding === 'json/plain') {
    try {
      return JSON.parse(data.toString('utf8')) as unknown;
    } catch {
      return { encoding, bytes: data.length };
    }
  }
  return { encoding, bytes: data.length };
}

/** `Payloads` (the arguments of a start, signal, activity or update) as plain values. */
export function decodePayloads(p: { payloads?: IPayload[] | null } | null | undefined): unknown[] {
  return (p?.payloads ?? []).map(decodePayload);
}

function isPayload(v: Record<string, unknown>): boolean {
  return 'data' in v && typeof v.metadata === 'object' && v.metadata !== null && 'encoding' in v.metadata;
}

/** Any protobuf value (Long, bytes, payloads, nested messages) as plain JSON, payloads decoded. */
function plain(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined) return v;
  if (depth > 30) return '…';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // Long (protobufjs int64): low/high/unsigned.
    if ('low' in o && 'high' in o && 'unsigned' in o) return toNumber(v);
    if (isPayload(o)) return decodePayload(o as IPayload);
    // `Payloads` (arguments, results): the list of values.
    if (Array.isArray(o.payloads) && Object.keys(o).length === 1)
      return o.payloads.map((x) => plain(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if (x === null || x === undefined) continue;
      out[k] = plain(x, depth + 1);
    }
    return out;
  }
  return String(v);
}

/** One history event as the API returns it: id, time, type name and its attributes as plain JSON. */
export interface HistoryEventJson {
  eventId: number;
  eventTime: string | null;
  eventType: string;
  attributes: Record<string, unknown>;
}

export function historyEventToJson(e: IHistoryEvent): HistoryEventJson {
  const attributesKey = Object.keys(e).find(
    (k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k] != null,
  );
  const attributes = attributesKey
    ? (plain((e as Record<string, unknown>)[attributesKey]) as Record<string, unknown>)
    : {};
  return {
    eventId: toNumber(e.eventId),
    eventTime: timestampIso(e.eventTime),
    eventType: eventTypeName(e.eventType),
    attributes,
  };
}
