import type { Session, WebContents } from 'electron';
import { appOrigin } from './origin.ts';
import { isNewWindowRequest } from './window-keys.ts';

/** Denies every permission request (camera, geolocation, notifications, …) unless listed here. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * The window may only show the app itself: no navigation away, no windows the page makes. The
 * page asking for its own index.html is "New window": main opens one of its own (`openAppWindow`).
 */
export function hardenWebContents(contents: WebContents, openAppWindow: () => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isNewWindowRequest(url)) openAppWindow();
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** IPC is answered only for the app's own top-level frame. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null): boolean {
  return frame !== null && frame.parent === null && frame.url.startsWith(`${appOrigin}/`);
}
