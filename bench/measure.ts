/** Timing helpers: median of repeated runs after a warm-up. */
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs each task in turn (interleaved, so drift hits all alike); returns medians in ms. */
export function compare(tasks: Record<string, () => void>, { warmup = 1, runs = 5 } = {}): Record<string, number> {
  const names = Object.keys(tasks);
  for (let i = 0; i < warmup; i++) for (const n of names) tasks[n]!();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      const t0 = performance.now();
      tasks[n]!();
      samples[n]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
}
