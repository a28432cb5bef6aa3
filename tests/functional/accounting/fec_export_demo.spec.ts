import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, inspecting, isolated, makeUser } from '#tests/helpers'

/**
 * The FEC download of the demo's 2023 year (issue #12): PieceDate filled on every line (the
 * demo's entries are keyed without a piece date) and no "?" for the typographic apostrophes of
 * its labels, which ISO-8859-15 lacks.
 */
test.group('FEC export of the demo', (group) => {
  isolated(group)

  test('every line has its PieceDate, and typographic punctuation is transliterated', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const { year, typographic, questionMarks } = await inspecting(async () => {
      const found = await db
        .from('fiscal_years')
        .where({ organisation_id: organisation.id, end_date: '2023-12-31' })
        .firstOrFail()
      const labels = `SELECT coalesce(l.label, e.label) AS label FROM entry_lines l
        JOIN entries e ON e.id = l.entry_id
       WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'`
      const { rows } = await db.rawQuery(
        `SELECT count(*) FILTER (WHERE label ~ '[’‘“”–—…]')::int AS typographic,
                count(*) FILTER (WHERE strpos(label, chr(63)) > 0)::int AS question_marks
           FROM (${labels}) t`,
        [organisation.id, found.id]
      )
      return {
        year: found,
        typographic: rows[0].typographic as number,
        questionMarks: rows[0].question_marks as number,
      }
    })
    // The demo's labels hold typographic apostrophes, and no question mark of their own.
    assert.isAbove(typographic, 0)
    assert.equal(questionMarks, 0)

    const response = await client.get(`/comptabilite/exercices/${year.id}/fec`).actingAs(user)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'iso-8859-15')
    const lines = response.text().split('\r\n')
    assert.equal(lines.at(-1), '')
    const data = lines.slice(1, -1).map((line) => line.split('\t'))
    assert.isAbove(data.length, 1000)
    for (const fields of data) {
      assert.lengthOf(fields, 18)
      assert.match(fields[9], /^\d{8}$/, `PieceDate vide : ${fields.join('|')}`)
    }
    assert.notInclude(response.text(), '?')
    assert.isTrue(data.some((fields) => fields[10].includes("'")))
  })
})
