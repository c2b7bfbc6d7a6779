import type { App, Session, WebContents } from 'electron';
import { appOrigin } from './origin.ts';
import { isNewWindowRequest } from './window-keys.ts';

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
 * redirects out, no windows the page makes, no webviews; in a packaged build DevTools never stay
 * open. The page asking for its own index.html is "New window": main opens one of its own.
 */
export function hardenWebContents(contents: WebContents, { packaged, openAppWindow }: { packaged: boolean; openAppWindow(): void }): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isNewWindowRequest(url)) openAppWindow();
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Every web contents the app ever creates (windows, frames' hosts, devtools) gets the guards. */
export function hardenApp(app: App, openAppWindow: () => void): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { packaged: app.isPackaged, openAppWindow }));
}

/** IPC is answered only for the app's own top-level frame. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
