/**
 * @module core/ledger/merkle
 * RFC 9162 §2.1 Merkle tree algorithms, parameterised by a SHA-256 function: leaf and node hashes with
 * domain separation, the tree hash (MTH), audit paths (PATH), consistency proofs (PROOF/SUBPROOF) and
 * their verification (§2.1.3.2, §2.1.4.2). Proof generation reads perfect subtree hashes through a
 * `NodeSource`, so it costs O(log n) lookups.
 */
import type { Awaitable, Hash } from './types.js';

/** Hash of a perfect subtree: level 0 is a leaf hash; `index` counts subtrees of that size from the left. */
export type NodeSource = (level: number, index: number) => Awaitable<Uint8Array>;

/** SHA-256(0x00 || leaf). */
export function leafHash(hash: Hash, leaf: Uint8Array): Uint8Array {
  const buf = new Uint8Array(leaf.length + 1);
  buf[0] = 0;
  buf.set(leaf, 1);
  return hash(buf);
}

/** Makes SHA-256(0x01 || left || right) with one reusable scratch buffer (not re-entrant). */
export function nodeHasher(hash: Hash): (left: Uint8Array, right: Uint8Array) => Uint8Array {
  const scratch = new Uint8Array(65);
  scratch[0] = 1;
  return (left, right) => {
    scratch.set(left, 1);
    scratch.set(right, 33);
    return hash(scratch);
  };
}

/** SHA-256 of the empty string: the root of the empty tree. */
export function emptyRoot(hash: Hash): Uint8Array {
  return hash(new Uint8Array(0));
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Reference MTH over leaf hashes (O(n), recursive; for tests and small trees). */
export function merkleRoot(hash: Hash, leafHashes: readonly Uint8Array[]): Uint8Array {
  const node = nodeHasher(hash);
  const mth = (a: number, b: number): Uint8Array => {
    const n = b - a;
    if (n === 0) return emptyRoot(hash);
    if (n === 1) return leafHashes[a] as Uint8Array;
    const k = splitPoint(n);
    return node(mth(a, a + k), mth(a + k, b));
  };
  return mth(0, leafHashes.length);
}

/**
 * Streaming tree builder: push leaf hashes in order; `root()` at any time is MTH of what was pushed.
 * `onNode` sees every perfect subtree hash as it is completed (level ≥ 1), which is what the store keeps.
 */
export class MerkleAccumulator {
  /** peaks[level] = hash of the pending perfect subtree at that level, if any. */
  private readonly peaks: Array<Uint8Array | undefined> = [];
  private readonly node: (l: Uint8Array, r: Uint8Array) => Uint8Array;
  size = 0;

  constructor(
    private readonly hash: Hash,
    private readonly onNode?: (level: number, index: number, hash: Uint8Array) => void,
  ) {
    this.node = nodeHasher(hash);
  }

  /** Starts from an existing tree: `peaks` are the perfect subtrees of `size`, by level. */
  static fromPeaks(
    hash: Hash,
    size: number,
    peaks: ReadonlyMap<number, Uint8Array>,
    onNode?: (level: number, index: number, hash: Uint8Array) => void,
  ): MerkleAccumulator {
    const acc = new MerkleAccumulator(hash, onNode);
    acc.size = size;
    for (const [level, h] of peaks) acc.peaks[level] = h;
    return acc;
  }

  push(leafHash: Uint8Array): void {
    let h = leafHash;
    let level = 0;
    let index = this.size;
    while ((index & 1) === 1) {
      const left = this.peaks[level] as Uint8Array;
      this.peaks[level] = undefined;
      h = this.node(left, h);
      level++;
      index = Math.floor(index / 2);
      this.onNode?.(level, index, h);
    }
    this.peaks[level] = h;
    this.size++;
  }

  /** MTH of the leaves pushed so far: fold the peaks from the smallest up. */
  root(): Uint8Array {
    if (this.size === 0) return emptyRoot(this.hash);
    let acc: Uint8Array | undefined;
    for (let level = 0; level < this.peaks.length; level++) {
      const p = this.peaks[level];
      if (!p) continue;
      acc = acc === undefined ? p : this.node(p, acc);
    }
    return acc as Uint8Array;
  }
}

/** Levels of the perfect subtrees that make up a tree of `size` leaves (its peaks), highest first. */
export function peakLevels(size: number): number[] {
  const out: number[] = [];
  for (let level = 52; level >= 0; level--) {
    if (Math.floor(size / 2 ** level) % 2 === 1) out.push(level);
  }
  return out;
}

/** MTH(D[a:b]) from perfect subtree hashes: O(log n) lookups. */
export async function subtreeHash(hash: Hash, getNode: NodeSource, a: number, b: number): Promise<Uint8Array> {
  const n = b - a;
  if (n === 0) return emptyRoot(hash);
  if (isPowerOfTwo(n) && a % n === 0) {
    const level = Math.log2(n);
    return getNode(level, a / n);
  }
  const k = splitPoint(n);
  const left = await subtreeHash(hash, getNode, a, a + k);
  const right = await subtreeHash(hash, getNode, a + k, b);
  return nodeHasher(hash)(left, right);
}

/** RFC 9162 PATH(m, D[n]): the audit path of leaf `m` in the tree of `n` leaves, leaf to root. */
export async function inclusionPath(hash: Hash, getNode: NodeSource, m: number, n: number): Promise<Uint8Array[]> {
  if (m < 0 || m >= n) throw new RangeError(`leaf index ${m} outside tree of size ${n}`);
  const path: Uint8Array[] = [];
  // Walk down, collecting siblings; reverse at the end so the path goes leaf → root.
  let a = 0;
  let b = n;
  while (b - a > 1) {
    const k = splitPoint(b - a);
    if (m - a < k) {
      path.push(await subtreeHash(hash, getNode, a + k, b));
      b = a + k;
    } else {
      path.push(await subtreeHash(hash, getNode, a, a + k));
      a = a + k;
    }
  }
  return path.reverse();
}

/** RFC 9162 PROOF(m, D[n]): consistency proof from size m to size n (0 < m ≤ n). */
export async function consistencyPath(hash: Hash, getNode: NodeSource, m: number, n: number): Promise<Uint8Array[]> {
  if (m <= 0 || m > n) throw new RangeError(`invalid consistency sizes ${m} → ${n}`);
  const out: Uint8Array[] = [];
  // SUBPROOF(m, D[a:b], complete), iteratively; collected top-down, reversed at the end.
  let a = 0;
  let b = n;
  let mm = m;
  let complete = true;
  while (true) {
    if (mm === b - a) {
      if (!complete) out.push(await subtreeHash(hash, getNode, a, b));
      break;
    }
    const k = splitPoint(b - a);
    if (mm <= k) {
      out.push(await subtreeHash(hash, getNode, a + k, b));
      b = a + k;
    } else {
      out.push(await subtreeHash(hash, getNode, a, a + k));
      a = a + k;
      mm -= k;
      complete = false;
    }
  }
  return out.reverse();
}

function equalBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** RFC 9162 §2.1.3.2: does `path` lead from `leafHash` at `index` to `root` in a tree of `size`? */
export function verifyInclusion(
  hash: Hash,
  index: number,
  size: number,
  leafHashValue: Uint8Array,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  const node = nodeHasher(hash);
  let fn = index;
  let sn = size - 1;
  let r = leafHashValue;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

/** RFC 9162 §2.1.4.2: is the tree of `first` leaves (root `firstRoot`) a prefix of the tree of `second`? */
export function verifyConsistency(
  hash: Hash,
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first <= 0 || first > second) return false;
  if (first === second) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (proof.length === 0) return false;
  const node = nodeHasher(hash);
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = path[0] as Uint8Array;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}
