import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { capRuleReasons } from './cap-rules.ts';
import type { CapMessage } from './cap-message.ts';
import { CapReadError, readCapXml } from './cap-xml.ts';

/** CAP documents larger than this are refused before any parsing (a real alert is a few KB). */
export const capMaxBytes = 1024 * 1024;

export type CapCheck = { valid: true; message: CapMessage; reasons: [] } | { valid: false; message: CapMessage | null; reasons: string[] };

/** The official OASIS schema, shipped in resources/standards/cap-1.2. */
export const capSchemaPath = (resourcesDir: string) => join(resourcesDir, 'standards', 'cap-1.2', 'CAP-v1.2.xsd');

/**
 * Checks CAP 1.2 documents: the official XML Schema through libxml2 (xmllint compiled to
 * WebAssembly, so the packaged desktop app needs no system library), then the prose rules of the
 * specification the schema cannot express (cap-rules.ts).
 */
export function createCapValidator(resourcesDir: string) {
  const schema = readFileSync(capSchemaPath(resourcesDir), 'utf8');
  return {
    async check(xml: string): Promise<CapCheck> {
      const bytes = Buffer.byteLength(xml, 'utf8');
      if (bytes > capMaxBytes) return { valid: false, message: null, reasons: [`the document is ${bytes.toLocaleString('en')} bytes; a CAP message may be at most ${capMaxBytes.toLocaleString('en')}`] };
      if (/<!DOCTYPE/i.test(xml)) return { valid: false, message: null, reasons: ['the document declares a DOCTYPE, which CAP never needs; refused'] };
      const result = await validateXML({ xml: [{ fileName: 'cap.xml', contents: xml }], schema: [schema], maxMemoryPages: 1024 });
      if (!result.valid) {
        // libxml2 follows a parser error with the offending line and a caret: only the errors are reasons.
        const errors = result.errors.filter((e) => / error : /.test(e.rawMessage));
        const reasons = errors.map((e) => schemaReason(e.message, e.loc?.lineNumber ?? null));
        return { valid: false, message: null, reasons: reasons.length ? reasons : ['the document is not valid CAP 1.2'] };
      }
      let message: CapMessage;
      try {
        message = readCapXml(xml);
      } catch (err) {
        if (err instanceof CapReadError) return { valid: false, message: null, reasons: [err.message] };
        throw err;
      }
      const reasons = capRuleReasons(message);
      return reasons.length ? { valid: false, message, reasons } : { valid: true, message, reasons: [] };
    },
  };
}

export type CapValidator = ReturnType<typeof createCapValidator>;

/** libxml2's "element sent: Schemas validity error : Element '{urn:…}sent': …" as "line 4: Element 'sent': …". */
function schemaReason(message: string, line: number | null): string {
  const plain = message
    .replace(/^.*?Schemas (validity|parser) error : /, '')
    .replace(/^.*?parser error : /, 'not well-formed XML: ')
    .replace(/\{urn:oasis:names:tc:emergency:cap:1\.2\}/g, '')
    .trim();
  return line === null ? plain : `line ${line}: ${plain}`;
}
