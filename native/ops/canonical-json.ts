/**
 * JSON with object keys sorted at every level: equal values give equal text, so hashes and dumps
 * compare. Written out directly (no sorted copy) because it runs several times per event. For JSON
 * values it is byte for byte RFC 8785 (native/identity/canonical.test.ts proves it), so the hash
 * chain and the signatures agree; unlike JCS it tolerates undefined and non-finite numbers, which
 * the projections' comparisons of partial values rely on. Signatures use native/identity/canonical.ts.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
      const obj = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(obj).sort()) {
        const v = write(obj[key]);
        if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}
