/**
 * Workflow time. In production the offset is 0. A whole-term simulation replays a past term on the
 * time-skipping test server, whose clock starts at the real present: it passes the distance between
 * the server's start and the simulated start as `offsetMs`, and every workflow reads time through here.
 */
export interface WorkflowClock {
  nowMs(): number;
  nowIso(): string;
  /** Milliseconds from now until an instant (0 if it has passed). */
  msUntil(instant: string): number;
}

export function workflowClock(offsetMs = 0): WorkflowClock {
  const nowMs = () => Date.now() - offsetMs;
  return {
    nowMs,
    nowIso: () => new Date(nowMs()).toISOString(),
    msUntil: (instant) => Math.max(0, Date.parse(instant) - nowMs()),
  };
}
