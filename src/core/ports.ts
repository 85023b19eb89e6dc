/**
 * @module core/ports
 * What the pure core needs from the outside world, as plain interfaces. Adapters implement them.
 */

/** Today's date and the current instant, injected so decisions are repeatable. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
  today(): string;
}

/** Ed25519 signature primitives; the core owns what is signed, the adapter only does the maths. */
export interface Ed25519 {
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** `YYYY-MM-DD` of an instant in Asia/Shanghai (UTC+8, no daylight saving since 1991). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A clock fixed at one instant, for tests and for replaying a decision. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => at, today: () => shanghaiDate(at) };
}
