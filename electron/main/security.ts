import type { App, Session, WebContents } from 'electron';
import { appOrigin } from './origin.ts';

/** Denies every permission request (camera, geolocation, notifications, …) unless listed here. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** True for a URL of the app itself; every frame may go only there. */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${appOrigin}/`);
}

/**
 * The window may only show the app itself: no navigation away (top frame or any sub-frame), no
 * redirects out, no new windows, no webviews; in a packaged build DevTools never stay open.
 */
export function hardenWebContents(contents: WebContents, packaged: boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Every web contents the app ever creates (windows, frames' hosts, devtools) gets the guards. */
export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, app.isPackaged));
}

/** IPC is answered only for the app's own top-level frame. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
