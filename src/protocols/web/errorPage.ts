// How the web interface shows a failure: a CoreError's message (written for people) on a page with the status that
// fits; anything else is logged and shown as a generic failure, never a stack trace.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { CoreError } from '../../core/errors.ts';
import { HTTP_STATUS_FOR } from '../api/problemStatus.ts';
import { page, type NavItem } from './layout.ts';
import type { WebEnv } from './webEnv.ts';

export function statusForError(err: unknown): number {
  return err instanceof CoreError ? HTTP_STATUS_FOR[err.kind] ?? 400 : 500;
}

export function messageForError(err: unknown): string {
  if (err instanceof CoreError) return err.message;
  console.error('regd: web handler failed:', err);
  return 'Something went wrong on our side; it has been logged. Please try again.';
}

export function errorPage(c: Context<WebEnv>, err: unknown, nav?: NavItem[]) {
  const status = statusForError(err);
  return c.html(page({
    title: status === 404 ? 'Not found' : 'Could not do that',
    nav,
    body: html`<p class="msg-error" role="alert">${messageForError(err)}</p><p><a href="/">Back to the start</a></p>`,
  }), status as 400);
}
