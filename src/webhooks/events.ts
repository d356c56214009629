/**
 * Webhook events and their payloads, in the Standard Webhooks shape: {type, timestamp, data}.
 * An edition's event is sent when readers can see it (at the end of an embargo, if any).
 */
export const webhookEvents = ['edition.published', 'edition.corrected', 'edition.withdrawn'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface EditionEventData {
  slug: string;
  locale: string;
  editionId: string;
  hash: string;
  sourceRevision: number;
  publishedAt: string;
  visibleFrom: string;
  /** Path of the published edition, under the service's public URL. */
  path: string;
  correction?: unknown;
  withdrawal?: { reason: string; at: string };
}

export interface WebhookPayload {
  type: WebhookEvent;
  timestamp: string;
  data: EditionEventData;
}
