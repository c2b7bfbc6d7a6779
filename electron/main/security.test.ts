import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../native/security/csp.ts';
import { isAppUrl, isTrustedSender } from './security.ts';

describe('IPC sender check', () => {
  it('trusts only the app origin in the top-level frame', () => {
    expect(isTrustedSender({ url: 'app://polder/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://polder/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://polder.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('content security policy', () => {
  const policy = contentSecurityPolicy(['ws://127.0.0.1:4000']);
  const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('loads nothing from outside the app and runs no eval', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-eval|https?:\/\/|\*/);
  });

  it('lets serve mode reach its own WebSocket', () => {
    expect(directives.get('connect-src')).toContain('ws://127.0.0.1:4000');
  });
});

describe('navigation guard', () => {
  it('lets a frame go only to the app itself', () => {
    expect(isAppUrl('app://polder/index.html')).toBe(true);
    expect(isAppUrl('app://polder/tasks?x=1')).toBe(true);
    expect(isAppUrl('app://polder.evil/index.html')).toBe(false);
    expect(isAppUrl('app://polder')).toBe(false);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
  });
});
