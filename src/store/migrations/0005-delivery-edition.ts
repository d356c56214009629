/** Webhook deliveries name their edition, so a withdrawal can cancel what was not sent yet. */
import type { Kysely, Migration } from 'kysely';

export const deliveryEdition: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('webhook_deliveries').addColumn('edition_id', 'text').execute();
    await db.schema.createIndex('webhook_deliveries_edition').on('webhook_deliveries').columns(['edition_id', 'status']).execute();
  },
};
