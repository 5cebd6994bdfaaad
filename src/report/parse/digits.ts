/**
 * Splitting run-together digit strings back into table cells.
 *
 * Some scraped reports lose the cell boundaries of their tables, so a table 三 row such as
 * 64 | 0 | 0 | 2 | 0 | 4 | 70 arrives as "640020470". These functions list every way such a string
 * can be read and only ever report a value when the digits (plus the table's own arithmetic) allow
 * exactly one reading. They never guess: "ambiguous" and "impossible" both come back as no value.
 *
 * All functions are pure and bounded: the search stops after a fixed amount of work, and a search
 * that was cut short never yields a value.
 */

/** Options for {@link splitRunTogether} and {@link enumerateSplits}. */
export interface SplitOptions {
  /** Only keep splits whose last value equals the sum of the others (a row with a total column). */
  sumOfFirst?: boolean;
  /**
   * Split the row into consecutive groups of this many cells; in each group the last value must equal
   * the sum of the others (table 四: three groups of five). `columns` must be a multiple of it.
   * Takes precedence over `sumOfFirst`.
   */
  sumGroupSize?: number;
  /** Most digits in one cell (default 6). */
  maxDigits?: number;
  /**
   * Accept negative cells written with a leading '-' (e.g. 本年增/减 in the 2019 format). A '-' can
   * only start a cell, so it is a hard boundary like a space. Off by default: then any '-' makes the
   * text unreadable.
   */
  allowNegative?: boolean;
}

/** The outcome of an enumeration: the splits found and whether the search ran to the end. */
export interface SplitResult {
  splits: number[][];
  /** False if the work or result budget ran out; then `splits` is only part of the answer. */
  complete: boolean;
}

const DEFAULT_MAX_DIGITS = 6;
/** Search nodes visited before an enumeration gives up. */
const STEP_BUDGET = 1_000_000;
/** Splits collected before an enumeration gives up. */
const RESULT_BUDGET = 10_000;

/**
 * Every way to read `text` as exactly `columns` integers, with the search budget reported.
 *
 * Whitespace is a hard boundary: a cell never spans it, but digits between two spaces may be split
 * further. Cells have no leading zeros ("0" is a cell, "05" is not) and at most `maxDigits` digits.
 * Any character other than digits, whitespace (and '-' with `allowNegative`) means no split at all.
 */
export function enumerateSplits(text: string, columns: number, opts: SplitOptions = {}): SplitResult {
  const maxDigits = opts.maxDigits ?? DEFAULT_MAX_DIGITS;
  const groupSize = opts.sumGroupSize ?? (opts.sumOfFirst ? columns : 0);
  const none: SplitResult = { splits: [], complete: true };
  if (!Number.isInteger(columns) || columns < 1 || !Number.isInteger(maxDigits) || maxDigits < 1) return none;
  if (groupSize !== 0 && (!Number.isInteger(groupSize) || groupSize < 2 || columns % groupSize !== 0)) {
    return none;
  }

  // Characters without whitespace, and the whitespace-separated chunk each one belongs to.
  const chars: string[] = [];
  const chunk: number[] = [];
  let chunkNo = 0;
  let inChunk = false;
  for (const ch of text) {
    if (/\s/u.test(ch)) {
      if (inChunk) chunkNo++;
      inChunk = false;
      continue;
    }
    if (!/[0-9]/.test(ch) && !(opts.allowNegative && ch === '-')) return none;
    chars.push(ch);
    chunk.push(chunkNo);
    inChunk = true;
  }
  const n = chars.length;
  const chunkCount = inChunk ? chunkNo + 1 : chunkNo;
  const maxCellLen = maxDigits + (opts.allowNegative ? 1 : 0);
  if (n < columns || n > columns * maxCellLen || chunkCount > columns) return none;
  const s = chars.join('');

  // chunksFrom[i]: number of chunks that start at or after position i (each needs its own cell).
  const chunksFrom = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const starts = i === 0 || chunk[i] !== chunk[i - 1] ? 1 : 0;
    chunksFrom[i] = chunksFrom[i + 1]! + starts;
  }

  /** The value of s[i, j) as one cell, or null if it is not a valid cell. */
  const cellValue = (i: number, j: number): number | null => {
    if (chunk[i] !== chunk[j - 1]) return null;
    const cell = s.slice(i, j);
    const m = /^(-?)(0|[1-9][0-9]*)$/.exec(cell);
    if (!m || m[2]!.length > maxDigits) return null;
    if (m[1] === '-' && m[2] === '0') return null;
    return Number(cell);
  };

  const splits: number[][] = [];
  const current: number[] = [];
  let steps = 0;
  let complete = true;

  const walk = (pos: number, groupSum: number): void => {
    if (!complete) return;
    if (++steps > STEP_BUDGET) {
      complete = false;
      return;
    }
    const k = current.length;
    if (k === columns) {
      if (pos === n) {
        if (splits.length >= RESULT_BUDGET) complete = false;
        else splits.push([...current]);
      }
      return;
    }
    const cellsLeft = columns - k;
    const charsLeft = n - pos;
    if (charsLeft < cellsLeft || charsLeft > cellsLeft * maxCellLen || chunksFrom[pos]! > cellsLeft) return;
    const isTotal = groupSize !== 0 && (k + 1) % groupSize === 0;
    if (isTotal) {
      // The total is determined by the group: it must be written next, as one whole cell.
      const want = String(groupSum);
      const end = pos + want.length;
      if (end > n || s.slice(pos, end) !== want || cellValue(pos, end) === null) return;
      current.push(groupSum);
      walk(end, 0);
      current.pop();
      return;
    }
    for (let end = pos + 1; end <= n && end - pos <= maxCellLen; end++) {
      if (chunk[end - 1] !== chunk[pos]) break;
      const v = cellValue(pos, end);
      if (v === null) {
        // A leading zero (or a lone '-') cannot be fixed by taking more characters.
        if (s[pos] === '0' || (s[pos] === '-' && end - pos >= 2 && s[pos + 1] === '0')) break;
        // A '-' can only start a cell.
        if (end - pos >= 2 && s[end - 1] === '-') break;
        continue;
      }
      current.push(v);
      walk(end, groupSum + v);
      current.pop();
      if (!complete) return;
    }
  };
  walk(0, 0);
  return { splits, complete };
}

/**
 * All ways to split a run-together digit string into exactly `columns` integers.
 *
 * Spaces are hard boundaries; cells have no leading zeros and at most `maxDigits` (default 6)
 * digits. With `sumOfFirst`, only splits whose last value is the sum of the others are returned.
 * If the bounded search cannot finish (absurdly long or loose input), the answer is [] (no reading),
 * never a partial list that could look unique.
 */
export function splitRunTogether(text: string, columns: number, opts: SplitOptions = {}): number[][] {
  const r = enumerateSplits(text, columns, opts);
  return r.complete ? r.splits : [];
}

/** One row of table 三 as found: its row key (R1, R2, R3_1 … R3_7, R4) and its cell text. */
export interface Table3DigitRow {
  key: string;
  digits: string;
}

/** How a table 三 row was read. */
export interface Table3Recovery {
  key: string;
  /** The seven values, or null if the digits do not allow exactly one reading. */
  values: number[] | null;
  /**
   * How many splits of this row alone satisfy T3-02 (总计 = sum of the six columns);
   * -1 if there were too many to count.
   */
  candidates: number;
  /**
   * 'row': the only split satisfying T3-02; 'columns': one of several, singled out by the column
   * constraints T3-01/T3-03 over the whole table; null when not recovered.
   */
  source: 'row' | 'columns' | null;
}

const T3_COLUMNS = 7;
/** Search nodes visited by the table-wide search before it gives up. */
const TABLE_STEP_BUDGET = 2_000_000;

/** A linear equation over rows, applied to every column: sum(coef * row[c]) = 0. */
interface Equation {
  terms: { row: number; coef: number }[];
}

/**
 * Read a table 三 whose rows were run together.
 *
 * First every row on its own: it is read if exactly one split satisfies T3-02. Rows with several
 * such splits are then resolved together through the column constraints, if those single them out:
 * T3-01 (R1 + R2 = R3_7 + R4 in every column) and T3-03 (R3_7 = the sum of the outcome rows, i.e.
 * every key starting with 'R3_' other than 'R3_7', in every column). All consistent assignments of
 * the ambiguous rows are enumerated; a row gets a value only if every one of them agrees on it.
 *
 * Pass all rows of the table. A constraint is not used if one of its rows is missing, appears twice,
 * or has no T3-02 reading at all. If the constraints admit no assignment (the report contradicts
 * itself) or the search is too large, ambiguous rows stay null.
 */
export function recoverTable3(rows: Table3DigitRow[]): Table3Recovery[] {
  const splitsOf = rows.map((row) => enumerateSplits(row.digits, T3_COLUMNS, { sumOfFirst: true }));
  const results: Table3Recovery[] = rows.map((row, i) => {
    const r = splitsOf[i]!;
    const candidates = r.complete ? r.splits.length : -1;
    const only = candidates === 1 ? r.splits[0]! : null;
    return { key: row.key, values: only, candidates, source: only ? 'row' : null };
  });

  // Index of each key that appears exactly once.
  const keyCount = new Map<string, number>();
  for (const row of rows) keyCount.set(row.key, (keyCount.get(row.key) ?? 0) + 1);
  const indexOf = (key: string): number | undefined =>
    keyCount.get(key) === 1 ? rows.findIndex((r) => r.key === key) : undefined;
  /** A row usable in a constraint: present once, with at least one reading. */
  const usable = (i: number | undefined): i is number => i !== undefined && results[i]!.candidates > 0;

  const equations: Equation[] = [];
  const r1 = indexOf('R1');
  const r2 = indexOf('R2');
  const r37 = indexOf('R3_7');
  const r4 = indexOf('R4');
  if (usable(r1) && usable(r2) && usable(r37) && usable(r4)) {
    equations.push({
      terms: [
        { row: r1, coef: 1 },
        { row: r2, coef: 1 },
        { row: r37, coef: -1 },
        { row: r4, coef: -1 },
      ],
    });
  }
  const outcomeKeys = rows.map((r) => r.key).filter((k) => k.startsWith('R3_') && k !== 'R3_7');
  const outcomes = outcomeKeys.map(indexOf);
  if (usable(r37) && outcomes.length > 0 && outcomes.every(usable)) {
    equations.push({
      terms: [{ row: r37, coef: 1 }, ...outcomes.map((row) => ({ row: row as number, coef: -1 }))],
    });
  }

  // The unknowns: ambiguous rows that take part in some equation; fewest candidates first.
  const inEquation = new Set(equations.flatMap((e) => e.terms.map((t) => t.row)));
  const vars = rows
    .map((_, i) => i)
    .filter((i) => results[i]!.candidates > 1 && inEquation.has(i))
    .sort((a, b) => results[a]!.candidates - results[b]!.candidates);
  if (vars.length === 0) return results;

  const solved = solveTable(
    equations,
    vars,
    splitsOf.map((r) => r.splits),
    (i) => results[i]!.values,
  );
  if (solved) {
    for (const [i, values] of solved) {
      results[i] = { ...results[i]!, values, source: 'columns' };
    }
  }
  return results;
}

/**
 * Enumerate the assignments of the unknown rows `vars` that satisfy all `equations` in every column.
 * Returns the rows on which all assignments agree, or null if there is no assignment or the search
 * ran out of budget.
 */
function solveTable(
  equations: Equation[],
  vars: number[],
  splitsOf: number[][][],
  fixed: (row: number) => number[] | null,
): Map<number, number[]> | null {
  const position = new Map(vars.map((row, k) => [row, k]));
  // Per equation: the known part of the sum, per column.
  const base = equations.map((e) => {
    const sum = new Array<number>(T3_COLUMNS).fill(0);
    for (const t of e.terms) {
      if (position.has(t.row)) continue;
      const v = fixed(t.row)!;
      for (let c = 0; c < T3_COLUMNS; c++) sum[c]! += t.coef * v[c]!;
    }
    return sum;
  });
  // Per equation and depth k: the smallest and largest contribution of the unknowns vars[k..].
  const low: number[][][] = [];
  const high: number[][][] = [];
  for (const e of equations) {
    const lo = Array.from({ length: vars.length + 1 }, () => new Array<number>(T3_COLUMNS).fill(0));
    const hi = Array.from({ length: vars.length + 1 }, () => new Array<number>(T3_COLUMNS).fill(0));
    for (let k = vars.length - 1; k >= 0; k--) {
      const row = vars[k]!;
      const coef = e.terms.filter((t) => t.row === row).reduce((a, t) => a + t.coef, 0);
      for (let c = 0; c < T3_COLUMNS; c++) {
        const values = splitsOf[row]!.map((v) => coef * v[c]!);
        lo[k]![c] = lo[k + 1]![c]! + Math.min(...values);
        hi[k]![c] = hi[k + 1]![c]! + Math.max(...values);
      }
    }
    low.push(lo);
    high.push(hi);
  }
  const coefs = equations.map((e) =>
    vars.map((row) => e.terms.filter((t) => t.row === row).reduce((a, t) => a + t.coef, 0)),
  );

  const partial = base.map((b) => [...b]);
  const chosen = new Array<number>(vars.length).fill(-1);
  /** Per unknown: the distinct candidate indexes seen in solutions (at most 2 kept). */
  const seen = vars.map(() => new Set<number>());
  let solutions = 0;
  let steps = 0;
  let exhausted = false;
  let allAmbiguous = false;

  const feasible = (k: number): boolean => {
    for (let e = 0; e < equations.length; e++) {
      for (let c = 0; c < T3_COLUMNS; c++) {
        const p = partial[e]![c]!;
        if (p + low[e]![k]![c]! > 0 || p + high[e]![k]![c]! < 0) return false;
      }
    }
    return true;
  };

  const walk = (k: number): void => {
    if (exhausted || allAmbiguous) return;
    if (++steps > TABLE_STEP_BUDGET) {
      exhausted = true;
      return;
    }
    if (!feasible(k)) return;
    if (k === vars.length) {
      solutions++;
      for (let j = 0; j < vars.length; j++) {
        if (seen[j]!.size < 2) seen[j]!.add(chosen[j]!);
      }
      allAmbiguous = seen.every((s) => s.size >= 2);
      return;
    }
    const options = splitsOf[vars[k]!]!;
    for (let o = 0; o < options.length; o++) {
      const v = options[o]!;
      for (let e = 0; e < equations.length; e++) {
        const coef = coefs[e]![k]!;
        if (coef === 0) continue;
        for (let c = 0; c < T3_COLUMNS; c++) partial[e]![c]! += coef * v[c]!;
      }
      chosen[k] = o;
      walk(k + 1);
      for (let e = 0; e < equations.length; e++) {
        const coef = coefs[e]![k]!;
        if (coef === 0) continue;
        for (let c = 0; c < T3_COLUMNS; c++) partial[e]![c]! -= coef * v[c]!;
      }
      if (exhausted || allAmbiguous) return;
    }
  };
  walk(0);

  if (exhausted || solutions === 0) return null;
  const out = new Map<number, number[]>();
  vars.forEach((row, j) => {
    const s = seen[j]!;
    if (s.size === 1) out.set(row, splitsOf[row]![[...s][0]!]!);
  });
  return out;
}

/**
 * Read a run-together table 四 row: 15 values in three groups (行政复议, 未经复议直接起诉,
 * 复议后起诉) of [维持, 纠正, 其他, 尚未审结, 总计], each 总计 the sum of the four before it.
 * Returns the values if exactly one split fits, otherwise null.
 */
export function recoverTable4(text: string): number[] | null {
  const r = enumerateSplits(text, 15, { sumGroupSize: 5 });
  return r.complete && r.splits.length === 1 ? r.splits[0]! : null;
}
