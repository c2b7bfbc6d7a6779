import { net, protocol, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveServedFile } from '../../native/serve/static-files.ts';
import { contentSecurityPolicy } from '../../native/security/csp.ts';
import { appScheme as scheme } from './origin.ts';

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://polder/ — never file:// — with the strict CSP. */
export function registerAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(scheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'polder' ? await resolveServedFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy());
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
