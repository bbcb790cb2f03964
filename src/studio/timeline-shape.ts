/** An interval between two instants, as RFC 3339 text. */
export interface Span {
  readonly start: string;
  readonly end: string;
}

/** What a picture of the month needs: the spans the decision was made from, as instants. */
export interface Timeline {
  readonly period: Span;
  readonly claimWindow: Span;
  readonly claimFiledAt: string | null;
  readonly incidents: readonly { readonly id: string; readonly cause: string; readonly span: Span; readonly reportedAt: string | null; readonly counted: Span | null }[];
  readonly maintenance: readonly { readonly id: string; readonly span: Span; readonly announcedAt: string; readonly scheduled: boolean }[];
}
