/**
 * @module core/detect/test-helpers
 * Helpers for detector property tests: change one digit of a value.
 */

/** Positions of ASCII digits in `v`. */
export function digitPositions(v: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) out.push(i);
  }
  return out;
}

/** `v` with the digit at `pos` replaced by a different digit (`delta` 1–9 added mod 10). */
export function changeDigit(v: string, pos: number, delta: number): string {
  const d = v.charCodeAt(pos) - 48;
  const nd = (d + delta) % 10;
  return v.slice(0, pos) + String(nd) + v.slice(pos + 1);
}
