import { BaseSchema } from '@adonisjs/lucid/schema'
import { BOARD_PACK_SECTION_CODES } from '#vocabulary/board_pack'
import { sqlList } from '#vocabulary/labels'

/**
 * The board pack of a meeting (issue #17, docs/adr/0013-board-pack-pdf.md): the sections it
 * shows, in their order (`sections`, codes of BOARD_PACK_SECTIONS, each at most once), a
 * `version` for concurrent edits, and the meeting document its last generated PDF is filed as
 * (`document_id`, with its `edition`, counted from 1). Tenant keys are composite from the start
 * (ADR 8): meeting_documents gets its `UNIQUE (organisation_id, id)` for the document's key. The
 * pack goes with its meeting.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('board_packs', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('meeting_id').notNullable()
      table.specificType('sections', 'text[]').notNullable()
      table.integer('document_id').nullable()
      table.integer('edition').notNullable().defaultTo(0)
      table.timestamp('generated_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw(`
      CREATE FUNCTION board_pack_sections_distinct(sections text[]) RETURNS boolean
        LANGUAGE sql IMMUTABLE AS
        'SELECT count(*) = count(DISTINCT s) FROM unnest(sections) AS s';
      ALTER TABLE meeting_documents
        ADD CONSTRAINT meeting_documents_organisation_id_id_unique UNIQUE (organisation_id, id);
      ALTER TABLE board_packs
        ADD CONSTRAINT board_packs_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT board_packs_meeting_unique UNIQUE (organisation_id, meeting_id),
        ADD CONSTRAINT board_packs_meeting_fk FOREIGN KEY (organisation_id, meeting_id)
          REFERENCES meetings (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT board_packs_document_fk FOREIGN KEY (organisation_id, document_id)
          REFERENCES meeting_documents (organisation_id, id) ON DELETE SET NULL (document_id),
        ADD CONSTRAINT board_packs_sections_known
          CHECK (sections <@ ARRAY[${sqlList(BOARD_PACK_SECTION_CODES)}]::text[]),
        ADD CONSTRAINT board_packs_sections_distinct CHECK (board_pack_sections_distinct(sections)),
        ADD CONSTRAINT board_packs_sections_some CHECK (cardinality(sections) > 0),
        ADD CONSTRAINT board_packs_edition_generated
          CHECK ((edition = 0) = (generated_at IS NULL));
      CREATE UNIQUE INDEX board_packs_document_unique ON board_packs (organisation_id, document_id)
        WHERE document_id IS NOT NULL;
    `)
  }

  async down() {
    this.schema.dropTableIfExists('board_packs')
    this.schema.raw(`
      DROP FUNCTION IF EXISTS board_pack_sections_distinct(text[]);
      ALTER TABLE meeting_documents DROP CONSTRAINT IF EXISTS meeting_documents_organisation_id_id_unique;
    `)
  }
}
