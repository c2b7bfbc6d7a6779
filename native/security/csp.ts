/**
 * The renderer's Content-Security-Policy, the same under Electron (app://) and serve mode (http):
 * nothing loads from anywhere but the app itself, so the map and UI work fully offline.
 * `connectSources` adds the WebSocket origin in serve mode.
 */
export function contentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `connect-src 'self' data: blob: ${connectSources.join(' ')}`.trim(),
    "media-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
