import { postJson } from '../api.js';
import type { Answer } from '../api.js';
import type { Decision, EvaluateRequest, Timeline } from '../types.js';

export interface Draft {
  readonly text: string;
}

/**
 * Judges a case: by the real POST /v1/evaluate, or under a draft by the studio's
 * draft preview (which checks the draft and evaluates through the same pipeline);
 * the month's picture comes alongside.
 */
export async function runCase(request: EvaluateRequest, draft?: Draft): Promise<{ decision: Answer<Decision>; timeline: Timeline | null }> {
  const [decision, drawn] = await Promise.all([
    draft ? postJson<Decision>('/studio/api/draft/evaluate', { text: draft.text, request }) : postJson<Decision>('/v1/evaluate', request),
    postJson<{ timeline: Timeline | null }>('/studio/api/timeline', { request, ...(draft ? { draft: { text: draft.text } } : {}) }),
  ]);
  return { decision, timeline: drawn.ok ? drawn.body.timeline : null };
}
