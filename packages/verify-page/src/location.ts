/** `/verify/<token>` (the VerificationURL) → the token; `?token=` also works. */
export function tokenFromLocation(loc: { pathname: string; search: string }): string {
  const fromQuery = new URLSearchParams(loc.search).get('token');
  if (fromQuery) return fromQuery;
  const m = /\/verify\/([^/]+)\/?$/.exec(loc.pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

/** The capture API lives next to /verify on the same origin (keeps working behind a path prefix). */
export function apiBaseFromLocation(pathname: string): string {
  const i = pathname.lastIndexOf('/verify/');
  return `${i >= 0 ? pathname.slice(0, i) : ''}/capture/v1`;
}
