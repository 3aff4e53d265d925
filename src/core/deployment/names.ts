/**
 * Terraform-safe names: `[a-z][a-z0-9_]*`, derived from what the user wrote ("Web Server #2" →
 * `web_server_2`), so HCL addresses and tags stay readable.
 */
export function terraformName(label: string, fallback = 'resource'): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!base) return fallback;
  return /^[a-z]/.test(base) ? base : `${fallback}_${base}`;
}

/** Hands out names unique in one deployment: the second `web` becomes `web_2`. */
export class NameRegistry {
  private readonly used = new Set<string>();

  take(label: string, fallback?: string): string {
    const base = terraformName(label, fallback);
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}

/** The candidate nearest to `word` (case-insensitive equality first, then edit distance ≤ 1/3 of its length). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const same = candidates.find((c) => c.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
