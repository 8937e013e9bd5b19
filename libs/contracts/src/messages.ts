/**
 * The USEF-style message every API error (and many results) is written in:
 * a status name from the seed (e.g. INVALID_UNIT) and a sentence for people.
 */
export interface ApiMessage {
  readonly status: string;
  readonly message: string;
  readonly type?: string;
  readonly [extra: string]: unknown;
}
