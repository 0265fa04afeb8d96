/**
 * Returns true when the JSON text (UTF-8 bytes) nests arrays and objects deeper than `limit`.
 * One iterative pass over the bytes, strings skipped: cheap to run before `JSON.parse`, so
 * a hostile 200,000-level document is refused before any recursive code sees it. Malformed
 * text is left for `JSON.parse` to report.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > limit) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}
