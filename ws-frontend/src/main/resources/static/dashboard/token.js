// Where the dashboard's connection token comes from: the URL fragment `#token=<jwt>` (browsers never
// send a fragment to the server), else what was pasted earlier in this tab (sessionStorage).

export const STORAGE_KEY = 'syncfabric.dashboard.token';

/** The token in a fragment like `#token=<jwt>` (other `k=v` pairs may follow), or null. */
export function tokenFromHash(hash) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/** The fragment without its token, so the address bar (and a screenshot of it) no longer shows it. */
export function hashWithoutToken(hash) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/**
 * The claims of a JWT, read without checking the signature (the server checks it): only to show
 * whose token it is and when it expires. Null when it is not a JWT.
 */
export function claims(token) {
  const parts = String(token ?? '').split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')),
      (c) => c.charCodeAt(0)));
    const body = JSON.parse(json);
    return body && typeof body === 'object' && !Array.isArray(body) ? body : null;
  } catch {
    return null;
  }
}
