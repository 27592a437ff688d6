import { type Reservation, reserveCalls } from "../../shared/db/sql/rate-limit.js";
import type { SqlDb } from "../../shared/db/sql/client.js";

/** A refusal of one call, with the seconds until the window that refused it closes. */
export interface Refusal {
  by: "member" | "workspace";
  workspaceLimit: number;
  retryAfterSeconds: number;
}

export interface PermitLimits {
  memberLimit: number;
  workspaceDefault: number;
  /**
   * The counters' names: the API's member and workspace windows by default. A budget of the
   * member's alone (the gallery's pictures) names no workspace window.
   */
  buckets?: (workspaceId: string, userId: string) => { member: string; workspace: string | null };
}

const apiBuckets = (workspaceId: string, userId: string) => ({
  member: `member:${workspaceId}:${userId}`,
  workspace: `workspace:${workspaceId}`,
});

/**
 * How long taken hits stay usable here. A workspace's quota changes take effect at the next
 * reservation, so no later than this; unused hits are dropped then, which only makes the window
 * fill sooner.
 */
const MAX_HOLD_MS = 1_000;
/** Reservations are sized so that one lasts about this long at the member's current pace. */
const TARGET_INTERVAL_MS = 100;
/** The most calls one reservation takes ahead of need... */
const MAX_BLOCK = 32;
/** ...and never more than this share of the smaller limit, so unused hits cost at most ~1% of a window. */
const BLOCK_SHARE_OF_LIMIT = 100;

interface Waiter {
  resolve: (refusal: Refusal | null) => void;
  reject: (err: unknown) => void;
}

interface MemberPermits {
  /** Calls this process may still make in the window, each already counted in PostgreSQL. */
  left: number;
  /** performance.now() after which `left` is dropped: its window's end, or MAX_HOLD_MS. */
  usableUntil: number;
  /** A refusal that holds until `until` (performance.now()): the member's window is full till its end. */
  refused: { refusal: Omit<Refusal, "retryAfterSeconds">; until: number; windowEnd: number } | null;
  /** Calls to take ahead of need in the next reservation. */
  ahead: number;
  lastReservedAt: number;
  workspaceLimit: number;
  waiters: Waiter[];
  reserving: boolean;
}

/**
 * The per-member and per-workspace request limits, counted in PostgreSQL so every web machine
 * shares them, without a write per call: when one member calls quickly, this process takes
 * several hits of the member's and the workspace's windows in one statement (reserveCalls) and
 * hands them to that member's next calls. Calls waiting at once share one reservation. A member
 * who calls slowly takes one hit per call, as if there were no reservation at all.
 *
 * Never looser than configured: every call is granted only a hit that PostgreSQL counted at or
 * under both limits in the current window, and held hits are dropped when that window closes
 * (by the database's clock, measured from before the statement was sent, so never late). Hits
 * taken and not used are lost, so the limits can only be reached sooner: by at most a block
 * (MAX_BLOCK, and ≤ 1% of the smaller limit) per busy member per process per window. A member
 * refused for their own limit is refused here, without a statement, until their window closes;
 * a workspace that refused is asked again after MAX_HOLD_MS (its quota may have been raised).
 */
export class CallPermits {
  readonly #members = new Map<string, MemberPermits>();

  constructor(
    private readonly db: SqlDb,
    private readonly limits: PermitLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  sameLimits(memberLimit: number, workspaceDefault: number): boolean {
    return this.limits.memberLimit === memberLimit && this.limits.workspaceDefault === workspaceDefault;
  }

  /** Takes one call for the member: null when it may go ahead, else why not. */
  take(workspaceId: string, userId: string): Promise<Refusal | null> {
    const key = `${workspaceId}:${userId}`;
    let m = this.#members.get(key);
    if (!m) {
      m = {
        left: 0,
        usableUntil: 0,
        refused: null,
        ahead: 1,
        lastReservedAt: Number.NEGATIVE_INFINITY,
        workspaceLimit: this.limits.workspaceDefault,
        waiters: [],
        reserving: false,
      };
      this.#evictIdle();
      this.#members.set(key, m);
    }
    const now = this.now();
    if (m.refused) {
      if (now < m.refused.until) return Promise.resolve(this.#refusal(m.refused, now));
      m.refused = null;
    }
    if (m.left > 0 && now < m.usableUntil && m.waiters.length === 0) {
      m.left--;
      return Promise.resolve(null);
    }
    const entry = m;
    return new Promise((resolve, reject) => {
      entry.waiters.push({ resolve, reject });
      if (!entry.reserving) void this.#reserve(entry, workspaceId, userId);
    });
  }

  #refusal(r: NonNullable<MemberPermits["refused"]>, now: number): Refusal {
    return { ...r.refusal, retryAfterSeconds: Math.max(1, Math.ceil((r.windowEnd - now) / 1000)) };
  }

  /** Reserves for the waiting calls (and ahead of them, when the member is busy) until none waits. */
  async #reserve(m: MemberPermits, workspaceId: string, userId: string): Promise<void> {
    m.reserving = true;
    try {
      while (m.waiters.length > 0) {
        const sentAt = this.now();
        // Held hits of an expired window are never used; nor are any once the member was refused.
        if (sentAt >= m.usableUntil) m.left = 0;
        while (m.left > 0 && m.waiters.length > 0) {
          m.left--;
          m.waiters.shift()?.resolve(null);
        }
        if (m.waiters.length === 0) break;
        // Used up its last block within the target interval: take more next time; slower: fewer.
        const sinceLast = sentAt - m.lastReservedAt;
        const cap = Math.max(
          1,
          Math.min(MAX_BLOCK, Math.floor(Math.min(this.limits.memberLimit, m.workspaceLimit) / BLOCK_SHARE_OF_LIMIT)),
        );
        m.ahead =
          sinceLast < TARGET_INTERVAL_MS
            ? Math.min(cap, m.ahead * 2)
            : sinceLast > 4 * TARGET_INTERVAL_MS
              ? 1
              : Math.max(1, Math.min(cap, m.ahead));
        m.lastReservedAt = sentAt;
        const calls = Math.max(m.waiters.length, m.ahead);
        let r: Reservation;
        try {
          r = await reserveCalls(this.db, {
            ...(this.limits.buckets ?? apiBuckets)(workspaceId, userId),
            workspaceId,
            memberLimit: this.limits.memberLimit,
            workspaceDefault: this.limits.workspaceDefault,
            calls,
          });
        } catch (err) {
          for (const w of m.waiters.splice(0)) w.reject(err);
          return;
        }
        m.workspaceLimit = r.workspaceLimit;
        // The window closes resetMs after the statement ran, which was after sentAt.
        const windowEnd = sentAt + r.resetMs;
        m.usableUntil = Math.min(windowEnd, sentAt + MAX_HOLD_MS);
        m.left = r.granted;
        while (m.left > 0 && m.waiters.length > 0) {
          m.left--;
          m.waiters.shift()?.resolve(null);
        }
        if (r.refusedBy) {
          // Nothing more fits: the member's window stays full until it closes; a workspace's
          // quota may be raised, so it is asked again after MAX_HOLD_MS.
          m.left = 0;
          m.refused = {
            refusal: { by: r.refusedBy, workspaceLimit: r.workspaceLimit },
            until: r.refusedBy === "member" ? windowEnd : Math.min(windowEnd, sentAt + MAX_HOLD_MS),
            windowEnd,
          };
          const refusal = this.#refusal(m.refused, this.now());
          for (const w of m.waiters.splice(0)) w.resolve(refusal);
        }
      }
    } finally {
      m.reserving = false;
    }
  }

  /** Members not seen for a while take no memory: dropped once there are many. */
  #evictIdle() {
    if (this.#members.size < 10_000) return;
    const now = this.now();
    for (const [key, m] of this.#members) {
      if (!m.reserving && m.waiters.length === 0 && now >= m.usableUntil && (!m.refused || now >= m.refused.until))
        this.#members.delete(key);
    }
  }
}
