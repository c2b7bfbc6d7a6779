import canonicalize from 'canonicalize';

/**
 * The RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: what a device signs and a
 * receiver checks, so both hold the same bytes whatever order the fields travelled in. Refuses
 * what JCS refuses (NaN, Infinity, lone surrogates) rather than signing a lossy copy.
 */
export function canonicalText(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('nothing to canonicalise: the value has no JSON form');
  return text;
}

/** The UTF-8 bytes of canonicalText: the input to a signature. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalText(value), 'utf8');
}
