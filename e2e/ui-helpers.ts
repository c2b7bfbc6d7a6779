import type { Browser, Page } from '@playwright/test';
import { demoPin } from '../native/identity/demo-pin.ts';
import { expect } from './serve-fixture.ts';

/** Signs the page in as `actorId` of the demo roster: chooses the person, then types their PIN. */
export async function signIn(page: Page, actorId: string, pin = demoPin): Promise<void> {
  await page.getByTestId(`sign-in-${actorId}`).click();
  await page.getByTestId('sign-in-secret').fill(pin);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('signed-in')).toBeVisible();
}

/** Every URL a page requests, to prove nothing leaves the machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

export function foreignRequests(urls: string[], origin: string): string[] {
  return urls.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
}

/** The contract calls a page sends over serve mode's WebSocket, in order. */
export function recordCalls(page: Page): { method: string; args: Record<string, unknown> }[] {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { t: string; method: string; args?: Record<string, unknown> };
      if (frame.t === 'call') calls.push({ method: frame.method, args: frame.args ?? {} });
    }),
  );
  return calls;
}

/** A fresh browser context (its own cookie and localStorage), signed in as `actorId`. */
export async function openAs(browser: Browser, url: string, actorId: string, viewport = { width: 1600, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests = recordRequests(page);
  const calls = recordCalls(page);
  await page.goto(url);
  await signIn(page, actorId);
  return { context, page, requests, calls };
}

/** Signed out: the sign-in page shows, and still does after a reload (the device forgot who it was). */
export async function expectSignedOut(page: Page, actorId: string): Promise<void> {
  await expect(page.getByTestId(`sign-in-${actorId}`)).toBeVisible();
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`sign-in-${actorId}`)).toBeVisible();
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
}

/** The card of the task titled `title` in the given board column. */
export function cardIn(page: Page, status: string, title: string) {
  return page.getByTestId(`column-${status}`).getByTestId('task-card').filter({ hasText: title });
}

/** The activity log shows each step of the alert → task → done flow exactly once under `actor`. */
export async function expectFlowLogged(page: Page, actor: string, title: string): Promise<void> {
  const entries = page.getByTestId('timeline-entry').filter({ hasText: actor });
  for (const step of [
    `Alert raised (Severe, field): ${title}`,
    `Alert acknowledged: ${title}`,
    `Task created: ${title}`,
    `Task assigned to Engine 1: ${title}`,
    `Task assigned → in_progress: ${title}`,
    `Task in_progress → done: ${title}`,
  ]) {
    await expect(entries.filter({ hasText: step })).toHaveCount(1);
  }
}
