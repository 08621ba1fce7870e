// Bytes to text: the charset named by the server or the document, else UTF-8 when the bytes are
// valid UTF-8, else Windows-1252 (what unlabelled Western pages almost always are).
import iconv from 'iconv-lite';

/** The charset parameter of a Content-Type header value, lower case, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** The charset an HTML or XML document declares for itself in its first bytes. */
export function charsetFromDocument(head: string): string | null {
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  const xml = /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? xml[1]!.toLowerCase() : null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a document. `declared` (from a header) wins; then a BOM; then a charset declared
 * inside the document; then UTF-8 if the bytes are valid UTF-8; then Windows-1252.
 */
export function decodeText(bytes: Uint8Array, declared: string | null): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be');
  const candidates = [declared, charsetFromDocument(buffer.subarray(0, 2048).toString('latin1'))];
  for (const charset of candidates) {
    if (charset && iconv.encodingExists(charset)) {
      // Pages that say utf-8 but are not are common; trust the bytes over the label then.
      if (/^utf-?8$/i.test(charset) && !isValidUtf8(buffer)) return iconv.decode(buffer, 'windows-1252');
      return iconv.decode(buffer, charset);
    }
  }
  return isValidUtf8(buffer) ? buffer.toString('utf8') : iconv.decode(buffer, 'windows-1252');
}
