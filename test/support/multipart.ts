/** A multipart/form-data body with one file part (bytes as given) and optional text fields. */
export function multipartBody(file: { name?: string; bytes: Buffer | string; field?: string; type?: string } | null, fields: Record<string, string> = {}): { payload: Buffer; contentType: string } {
  const boundary = `----santral${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name ?? 'contacts.csv'}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`));
    parts.push(typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
