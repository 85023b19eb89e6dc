/**
 * @module adapters/clock
 * The system clock. `DATAPASS_NOW` (an ISO instant) pins it, for reproducible runs and tests.
 */
import { type Clock, fixedClock, shanghaiDate } from '../core/ports.js';

export function systemClock(): Clock {
  const pinned = process.env.DATAPASS_NOW;
  if (pinned && !Number.isNaN(Date.parse(pinned))) return fixedClock(pinned);
  return { now: () => new Date(), today: () => shanghaiDate(new Date()) };
}
