/** Spatial index used by `ksgCounts`; both give exactly the same counts. */
export const KSG_STRATEGY = { tree: 0, bits: 1 } as const;

/**
 * Picks the faster index: KD-trees prune well in a few dimensions, but in ~6+ dimensions the
 * max-norm ball around a point spans most of each coordinate's range and they degrade to brute
 * force with overhead; the bit-sliced filter is then 5-15x faster.
 */
export function chooseKsgStrategy(n: number, dims: number): number {
  // Measured crossovers (k = 3, Gaussian data): trees win up to 4 joint dimensions at any n, the
  // bit filter from 8; in between trees win for large n (their cost grows slower than n²).
  if (n < 64 || dims <= 4) return KSG_STRATEGY.tree;
  if (dims >= 8) return KSG_STRATEGY.bits;
  return n > 20_000 ? KSG_STRATEGY.tree : KSG_STRATEGY.bits;
}

/**
 * The KSG neighbour counts (Kraskov, Stögbauer & Grassberger 2004, algorithm 1) for the query rows
 * `start..end-1`: for each query row i,
 * - `eps[i - start]`: the max-norm distance from (x_i, z_i) to its k-th nearest neighbour in the
 *   joint space (the paper's ε(i)/2),
 * - `nx[i - start]`: the number of rows j ≠ i with ‖x_j − x_i‖∞ < eps (strictly),
 * - `nz[i - start]`: the same in the z space.
 *
 * `data` is row-major [n, dx + dz]: the first dx columns are x, the last dz are z.
 *
 * Two exact indexes (`strategy`, see `chooseKsgStrategy`):
 * - `tree`: KD-trees (joint, x, z) with tight per-node bounding boxes: the joint one answers the
 *   (k+1)-nearest-neighbour query (the row itself is the first, at distance 0, which also makes
 *   duplicates exact), the marginal ones answer strict range counts, adding whole nodes whose box
 *   lies inside the query box.
 * - `bits`: a max-norm ball is a box, the intersection of one slab per column. Each column's
 *   values are cut into B quantile bins and, per bin b, a bitset of the rows in bins 0..b is kept;
 *   the rows whose bins meet the slab are then `cum[hi] & ~cum[lo-1]`, and AND-ing that over the
 *   columns leaves a small superset of the ball (32 rows per machine word), which is checked
 *   exactly. The kNN query filters with a guessed radius and widens it when fewer than k
 *   neighbours fall inside.
 * Every pruning decision compares the same floating-point differences as a brute-force scan
 * (subtraction is monotone), so the counts equal the O(n²) reference exactly. No allocation per
 * query row.
 *
 * This function is SELF-CONTAINED on purpose: `ksg` serialises it with `Function.prototype.toString`
 * into worker threads, so it must not reference anything outside its own body.
 */
export function ksgCounts(
  data: Float64Array,
  n: number,
  dx: number,
  dz: number,
  k: number,
  start: number,
  end: number,
  eps: Float64Array,
  nx: Int32Array,
  nz: Int32Array,
  strategy: number,
): void {
  const LEAF = 12;
  const d = dx + dz;

  interface Tree {
    dim: number;
    /** Points in tree order, [n, dim]. */
    pts: Float64Array;
    lo: Float64Array;
    hi: Float64Array;
    first: Int32Array;
    last: Int32Array;
    /** Child node ids; left[node] < 0 marks a leaf. */
    left: Int32Array;
    right: Int32Array;
  }

  function buildTree(offset: number, dim: number): Tree {
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = i;
    const minLeaf = (LEAF + 1) >> 1;
    const maxNodes = 2 * Math.ceil(n / minLeaf) + 1;
    const lo = new Float64Array(maxNodes * dim);
    const hi = new Float64Array(maxNodes * dim);
    const first = new Int32Array(maxNodes);
    const last = new Int32Array(maxNodes);
    const left = new Int32Array(maxNodes);
    const right = new Int32Array(maxNodes);
    let count = 0;

    const key = (row: number, c: number): number => data[row * d + offset + c]!;

    // Hoare quickselect: puts the m-th smallest (by column c) of ids[s..e) at position m.
    const select = (s: number, e: number, m: number, c: number): void => {
      let l = s;
      let r = e - 1;
      while (r > l) {
        const mid = (l + r) >> 1;
        // Median of three as the pivot value.
        const a = key(ids[l]!, c);
        const b = key(ids[mid]!, c);
        const z = key(ids[r]!, c);
        const pivot = a < b ? (b < z ? b : a < z ? z : a) : a < z ? a : b < z ? z : b;
        let i = l;
        let j = r;
        while (i <= j) {
          while (key(ids[i]!, c) < pivot) i++;
          while (key(ids[j]!, c) > pivot) j--;
          if (i <= j) {
            const t = ids[i]!;
            ids[i] = ids[j]!;
            ids[j] = t;
            i++;
            j--;
          }
        }
        if (m <= j) r = j;
        else if (m >= i) l = i;
        else return;
      }
    };

    const build = (s: number, e: number): number => {
      const node = count++;
      const base = node * dim;
      for (let c = 0; c < dim; c++) {
        lo[base + c] = Number.POSITIVE_INFINITY;
        hi[base + c] = Number.NEGATIVE_INFINITY;
      }
      for (let p = s; p < e; p++) {
        const row = ids[p]! * d + offset;
        for (let c = 0; c < dim; c++) {
          const v = data[row + c]!;
          if (v < lo[base + c]!) lo[base + c] = v;
          if (v > hi[base + c]!) hi[base + c] = v;
        }
      }
      first[node] = s;
      last[node] = e;
      left[node] = -1;
      right[node] = -1;
      if (e - s <= LEAF) return node;
      let split = 0;
      let widest = -1;
      for (let c = 0; c < dim; c++) {
        const spread = hi[base + c]! - lo[base + c]!;
        if (spread > widest) {
          widest = spread;
          split = c;
        }
      }
      if (!(widest > 0)) return node; // all points identical: one (large) leaf
      const m = (s + e) >> 1;
      select(s, e, m, split);
      left[node] = build(s, m);
      right[node] = build(m, e);
      return node;
    };
    build(0, n);

    const pts = new Float64Array(n * dim);
    for (let p = 0; p < n; p++) {
      const row = ids[p]! * d + offset;
      for (let c = 0; c < dim; c++) pts[p * dim + c] = data[row + c]!;
    }
    return { dim, pts, lo, hi, first, last, left, right };
  }

  const STACK = 256;
  const stack = new Int32Array(STACK);
  const lower = new Float64Array(STACK);
  const q = new Float64Array(d);

  /** Distance from q to the box of `node` in max-norm, or `bound` as soon as it reaches it. */
  const boxDistance = (t: Tree, node: number, bound: number): number => {
    const { dim, lo, hi } = t;
    const base = node * dim;
    let m = 0;
    for (let c = 0; c < dim; c++) {
      const qc = q[c]!;
      let g = lo[base + c]! - qc;
      if (g < 0) g = qc - hi[base + c]!;
      if (g > m) {
        m = g;
        if (m >= bound) return bound;
      }
    }
    return m;
  };

  // k+1 smallest distances, ascending (the query row itself is among them at distance 0).
  const K = k + 1;
  const best = new Float64Array(K);
  const kIdx = k;

  /** Distance to the k-th nearest other row, in the joint space. */
  const kthDistance = (t: Tree): number => {
    const { dim, pts, first, last, left, right } = t;
    best.fill(Number.POSITIVE_INFINITY);
    let bound = Number.POSITIVE_INFINITY;
    let sp = 0;
    stack[sp] = 0;
    lower[sp++] = 0;
    while (sp > 0) {
      sp--;
      // Children were pushed with their box distance; the bound may have shrunk since.
      if (lower[sp]! >= bound) continue;
      const node = stack[sp]!;
      const l = left[node]!;
      if (l < 0) {
        const e = last[node]!;
        for (let p = first[node]!; p < e; p++) {
          const base = p * dim;
          let m = 0;
          let c = 0;
          for (; c < dim; c++) {
            let v = pts[base + c]! - q[c]!;
            if (v < 0) v = -v;
            if (v > m) {
              m = v;
              if (m >= bound) break;
            }
          }
          if (c < dim) continue;
          // Insert m into the sorted list, dropping the largest.
          let j = kIdx;
          while (j > 0 && best[j - 1]! > m) {
            best[j] = best[j - 1]!;
            j--;
          }
          best[j] = m;
          bound = best[kIdx]!;
        }
      } else {
        const r = right[node]!;
        // Visit the nearer child first: push it last.
        const dl = boxDistance(t, l, bound);
        const dr = boxDistance(t, r, bound);
        if (dl <= dr) {
          if (dr < bound) {
            stack[sp] = r;
            lower[sp++] = dr;
          }
          if (dl < bound) {
            stack[sp] = l;
            lower[sp++] = dl;
          }
        } else {
          if (dl < bound) {
            stack[sp] = l;
            lower[sp++] = dl;
          }
          if (dr < bound) {
            stack[sp] = r;
            lower[sp++] = dr;
          }
        }
      }
    }
    return bound;
  };

  /** Number of rows (the query row included) strictly closer than r to q in max-norm. */
  const countWithin = (t: Tree, r: number): number => {
    const { dim, pts, lo, hi, first, last, left, right } = t;
    let total = 0;
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp]!;
      const base = node * dim;
      let inside = true;
      let outside = false;
      for (let c = 0; c < dim; c++) {
        const qc = q[c]!;
        // Every point p of the box has qc - p <= below and p - qc <= above (rounding is monotone).
        const below = qc - lo[base + c]!;
        const above = hi[base + c]! - qc;
        if (-below >= r || -above >= r) {
          outside = true;
          break;
        }
        if (below >= r || above >= r) inside = false;
      }
      if (outside) continue;
      if (inside) {
        total += last[node]! - first[node]!;
        continue;
      }
      const l = left[node]!;
      if (l < 0) {
        const e = last[node]!;
        for (let p = first[node]!; p < e; p++) {
          const pb = p * dim;
          let c = 0;
          for (; c < dim; c++) {
            let v = pts[pb + c]! - q[c]!;
            if (v < 0) v = -v;
            if (v >= r) break;
          }
          if (c === dim) total++;
        }
      } else {
        stack[sp++] = right[node]!;
        stack[sp++] = l;
      }
    }
    return total;
  };

  function runTrees(): void {
    const joint = buildTree(0, d);
    const xs = buildTree(0, dx);
    const zs = buildTree(dx, dz);
    for (let i = start; i < end; i++) {
      const row = i * d;
      for (let c = 0; c < d; c++) q[c] = data[row + c]!;
      const e = kthDistance(joint);
      eps[i - start] = e;
      if (!(e > 0)) {
        // Nothing is strictly closer than 0.
        nx[i - start] = 0;
        nz[i - start] = 0;
        continue;
      }
      // countWithin reads q[0..dim); shift z's coordinates to the front for the z tree.
      nx[i - start] = countWithin(xs, e) - 1;
      for (let c = 0; c < dz; c++) q[c] = data[row + dx + c]!;
      nz[i - start] = countWithin(zs, e) - 1;
    }
  }

  function runBits(): void {
    const W = (n + 31) >>> 5;
    // Bins per column: finer bins give a tighter superset but a bigger, less cache-friendly index;
    // 128 measured best at n = 10,000, d = 40. Capped at ~64 MB of bitsets.
    const B = Math.max(1, Math.min(128, n, Math.floor(2 ** 26 / (4 * d * W))));
    const cum = new Int32Array(d * B * W);
    const binLo = new Float64Array(d * B);
    const binHi = new Float64Array(d * B);
    {
      // Bin edges at the column's quantiles (a native numeric sort, no comparator); a row goes to
      // the bin of the last edge <= its value, so equal values share a bin and some bins may stay
      // empty (binLo = +inf, binHi = -inf: never selected).
      const sorted = new Float64Array(n);
      const edges = new Float64Array(B);
      for (let c = 0; c < d; c++) {
        for (let i = 0; i < n; i++) sorted[i] = data[i * d + c]!;
        sorted.sort();
        for (let b = 1; b < B; b++) edges[b] = sorted[Math.floor((b * n) / B)]!;
        const bb = c * B;
        binLo.fill(Number.POSITIVE_INFINITY, bb, bb + B);
        binHi.fill(Number.NEGATIVE_INFINITY, bb, bb + B);
        for (let i = 0; i < n; i++) {
          const v = data[i * d + c]!;
          let lo = 0;
          let hi = B - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (edges[mid]! <= v) lo = mid;
            else hi = mid - 1;
          }
          if (v < binLo[bb + lo]!) binLo[bb + lo] = v;
          if (v > binHi[bb + lo]!) binHi[bb + lo] = v;
          const word = (bb + lo) * W + (i >>> 5);
          cum[word] = cum[word]! | (1 << (i & 31));
        }
        // Bin bitsets -> cumulative: cum[b] = rows in bins 0..b.
        for (let b = 1; b < B; b++) {
          const base = (bb + b) * W;
          for (let w = 0; w < W; w++) cum[base + w] = cum[base + w]! | cum[base - W + w]!;
        }
      }
    }
    const acc = new Int32Array(W);
    const binFirst = new Int32Array(d);
    const binLast = new Int32Array(d);

    // acc := rows whose bins meet the slab |v - q[c]| < r in every column c0..c1-1 (a superset of
    // the ball). Returns false when some slab holds no row at all.
    const filter = (c0: number, c1: number, r: number): boolean => {
      for (let c = c0; c < c1; c++) {
        const v = q[c]!;
        const bb = c * B;
        // A bin is out when v - max >= r (all its rows below) or min - v >= r (all above).
        let a = 0;
        while (a < B && !(v - binHi[bb + a]! < r)) a++;
        let b = B - 1;
        while (b >= 0 && !(binLo[bb + b]! - v < r)) b--;
        if (a > b) return false;
        binFirst[c] = a;
        binLast[c] = b;
      }
      acc.fill(-1);
      for (let c = c0; c < c1; c++) {
        const a = binFirst[c]!;
        const hb = (c * B + binLast[c]!) * W;
        if (a === 0) {
          for (let w = 0; w < W; w++) acc[w] = acc[w]! & cum[hb + w]!;
        } else {
          const lb = (c * B + a - 1) * W;
          for (let w = 0; w < W; w++) acc[w]! &= cum[hb + w]! & ~cum[lb + w]!;
        }
      }
      return true;
    };

    // The k-th neighbour distance when it is < r, else -1 (r too small: retry wider).
    const knn = (r: number): number => {
      best.fill(Number.POSITIVE_INFINITY);
      if (!filter(0, d, r)) return -1;
      let bound = r;
      for (let w = 0; w < W; w++) {
        let bits = acc[w]!;
        while (bits !== 0) {
          const t = bits & -bits;
          bits ^= t;
          const base = ((w << 5) | (31 - Math.clz32(t))) * d;
          let m = 0;
          let c = 0;
          for (; c < d; c++) {
            let v = data[base + c]! - q[c]!;
            if (v < 0) v = -v;
            if (v > m) {
              m = v;
              if (m >= bound) break;
            }
          }
          if (c < d) continue;
          let j = kIdx;
          while (j > 0 && best[j - 1]! > m) {
            best[j] = best[j - 1]!;
            j--;
          }
          best[j] = m;
          const kth = best[kIdx]!;
          if (kth < bound) bound = kth;
        }
      }
      const kth = best[kIdx]!;
      return kth < r ? kth : -1;
    };

    // Rows other than the query strictly within r in columns c0..c1-1.
    const count = (c0: number, c1: number, r: number): number => {
      if (!(r > 0) || !filter(c0, c1, r)) return 0;
      let total = 0;
      for (let w = 0; w < W; w++) {
        let bits = acc[w]!;
        while (bits !== 0) {
          const t = bits & -bits;
          bits ^= t;
          const base = ((w << 5) | (31 - Math.clz32(t))) * d;
          let c = c0;
          for (; c < c1; c++) {
            let v = data[base + c]! - q[c]!;
            if (v < 0) v = -v;
            if (v >= r) break;
          }
          if (c === c1) total++;
        }
      }
      return total - 1;
    };

    // Radius guess: a running average of recent k-th distances plus 10% (a wider guess lets more
    // candidates through the filter, a narrower one needs more retries).
    let guess = Number.POSITIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const row = i * d;
      for (let c = 0; c < d; c++) q[c] = data[row + c]!;
      let r = guess;
      let e = knn(r);
      for (let tries = 1; e < 0; tries++) {
        r = r > 0 && tries < 8 ? r * 1.25 : Number.POSITIVE_INFINITY;
        e = knn(r);
      }
      eps[i - start] = e;
      guess = guess === Number.POSITIVE_INFINITY ? 1.1 * e : 0.9 * guess + 0.11 * e;
      nx[i - start] = count(0, dx, e);
      nz[i - start] = count(dx, d, e);
    }
  }

  if (strategy === 1) runBits();
  else runTrees();
}
