/** Splits the aliases field ("Sydney HQ, SYD") into trimmed, distinct aliases. */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const a = part.trim();
    const key = a.toLowerCase();
    if (a === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/** The aliases as the field shows them. */
export function formatAliases(aliases: readonly string[]): string {
  return aliases.join(", ");
}
