// Where a store is: an SQLite file path, or a PostgreSQL URL. Kept free of any driver import so
// the config code can tell them apart without loading one.

/** True for a postgres:// or postgresql:// URL (a store URL), false for a file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** The location with any password replaced, for logs and error messages. */
export function redactLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const u = new URL(location);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return location.replace(/:[^:@/]*@/, ':***@');
  }
}
