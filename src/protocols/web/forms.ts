// Form building blocks: every field has a visible <label> bound to it, and every form carries the CSRF token.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { csrfToken, CSRF_FIELD } from './csrf.ts';
import type { Fragment } from './layout.ts';
import type { WebEnv } from './webEnv.ts';

export function csrfInput(c: Context<WebEnv>): Fragment {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(c)}">`;
}

export interface FieldOptions {
  type?: 'text' | 'password' | 'number' | 'email' | 'date' | 'search';
  value?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  min?: number;
  max?: number;
}

let fieldSeq = 0;

/** A labelled input; the id ties label and hint to it. */
export function field(label: string, name: string, o: FieldOptions = {}): Fragment {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${++fieldSeq % 1000}`;
  const hintId = o.hint ? `${id}-hint` : undefined;
  return html`<div class="field"><label for="${id}">${label}</label>
<input id="${id}" name="${name}" type="${o.type ?? 'text'}"${o.value !== undefined ? html` value="${o.value}"` : ''}${o.required ? html` required` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.min !== undefined ? html` min="${String(o.min)}"` : ''}${o.max !== undefined ? html` max="${String(o.max)}"` : ''}${hintId ? html` aria-describedby="${hintId}"` : ''}>
${o.hint ? html`<small id="${hintId}">${o.hint}</small>` : ''}</div>`;
}

/** A labelled checkbox. */
export function checkbox(label: string, name: string, checked: boolean): Fragment {
  const id = `f-${name}-${++fieldSeq % 1000}`;
  return html`<div class="field check"><input id="${id}" name="${name}" type="checkbox" value="1"${checked ? html` checked` : ''}><label for="${id}">${label}</label></div>`;
}

/** A labelled multi-line field (nameservers, IP lists: one per line). */
export function textarea(label: string, name: string, value: string, hint?: string): Fragment {
  const id = `f-${name}-${++fieldSeq % 1000}`;
  return html`<div class="field"><label for="${id}">${label}</label><textarea id="${id}" name="${name}" rows="4"${hint ? html` aria-describedby="${id}-hint"` : ''}>${value}</textarea>${hint ? html`<small id="${id}-hint">${hint}</small>` : ''}</div>`;
}

/** A form field's string value ('' when absent or a file). */
export function formString(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** Lines of a textarea, trimmed, empty ones dropped. */
export function formLines(form: Record<string, unknown>, name: string): string[] {
  return formString(form, name).split(/[\r\n,]+/).map((l) => l.trim()).filter((l) => l !== '');
}

export interface SelectOption { value: string; label: string }

/** A labelled drop-down; `value` is the option selected (the first when it matches none). */
export function select(label: string, name: string, options: SelectOption[], value?: string, hint?: string): Fragment {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${++fieldSeq % 1000}`;
  return html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}"${hint ? html` aria-describedby="${id}-hint"` : ''}>${options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}</select>${hint ? html`<small id="${id}-hint">${hint}</small>` : ''}</div>`;
}
