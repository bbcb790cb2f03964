import { language } from './i18n.js';

/** An answer of the service: its JSON body, whether it succeeded or is a problem document. */
export interface Answer<T> {
  readonly ok: boolean;
  readonly status: number;
  readonly body: T;
}

export interface ProblemDocument {
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  readonly errors: readonly { readonly code: string; readonly path: string; readonly message: string }[];
}

async function call<T>(url: string, init: RequestInit): Promise<Answer<T>> {
  try {
    const response = await fetch(url, { ...init, headers: { 'accept-language': language(), ...(init.body ? { 'content-type': 'application/json' } : {}) } });
    const body = (await response.json()) as T;
    return { ok: response.ok, status: response.status, body };
  } catch (error) {
    const problem: ProblemDocument = { title: 'Network error', detail: (error as Error).message, code: 'NETWORK', errors: [] };
    return { ok: false, status: 0, body: problem as T };
  }
}

export const getJson = <T>(url: string): Promise<Answer<T>> => call<T>(url, { method: 'GET' });
export const postJson = <T>(url: string, body: unknown): Promise<Answer<T>> => call<T>(url, { method: 'POST', body: JSON.stringify(body) });
