import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { inspecting, isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { seedReconciliation } from '#database/seeders/reconciliation'
import { actingAs } from '#support/request_context'
import { CHECKS } from '#reconciliation/registry'
import { CHECK_STATUSES, PUBLISHED_TABLES, RUN_TRIGGERS } from '#vocabulary/reconciliation'

async function seeded() {
  const organisation = await makeOrganisation('We Ker libellés')
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction(async (trx) => {
      await seedActivity(organisation, rapport, trx)
      await seedReconciliation(organisation, rapport, trx)
    })
  )
  return organisation
}

/** The text a reader sees: tags, attributes and scripts left out, entities decoded. */
function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

test.group('Reconciliation page: French labels, order and width', (group) => {
  isolated(group)

  test('no domain, status, trigger code nor check id is shown; discrepancies come largest first', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const finance = await makeUser(organisation, ['finance'])
    const run = await client
      .post('/rapprochements/executions')
      .form({ annee: 2023 })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    run.assertStatus(302)

    const page = await client.get('/rapprochements?annee=2023').actingAs(finance)
    page.assertStatus(200)
    const html = page.text()
    const text = visibleText(html)

    // Domains and statuses in French; no code of the vocabulary, no technical id.
    for (const code of ['accounting', 'activity', 'grants', 'hr', 'grants+accounting']) {
      assert.notMatch(text, new RegExp(`(^|\\s)${code.replace('+', '\\+')}(\\s|$)`), code)
    }
    for (const code of Object.keys(CHECK_STATUSES)) {
      assert.notMatch(text, new RegExp(`(^|\\s)${code}(\\s|$)`), code)
    }
    for (const code of Object.keys(RUN_TRIGGERS)) {
      assert.notMatch(text, new RegExp(`(^|\\s)${code}(\\s|$)`), code)
    }
    for (const check of CHECKS) assert.notInclude(text, check.id)
    // Lines of the published report are named in French too (« Effectif par contrat »).
    for (const key of Object.keys(PUBLISHED_TABLES).filter((k) => k.includes('_'))) {
      assert.notInclude(text, key)
    }
    assert.notMatch(text, /total_\d{4}/)
    assert.include(text, 'Publié · Effectif par contrat · ')
    assert.include(text, 'Comptabilité')
    assert.include(text, 'Activité')
    assert.include(text, 'Financements et comptabilité')
    assert.include(text, 'Écart')
    assert.include(text, '(finance')
    assert.match(text, /Exécution n° \d+ du [\d/]+ \([^)]*, manuel\)/)
    // The domain filter shows labels, its values stay the codes.
    assert.match(html, /<option value="accounting"[^>]*>Comptabilité<\/option>/)

    // The wide results table scrolls inside its own box.
    assert.match(
      html,
      /<div class="table-scroll" role="region" tabindex="0" aria-labelledby="resultats-rapprochement">\s*<table class="data">\s*<caption id="resultats-rapprochement">/
    )

    // Discrepancies by amount, the largest (absolute) first, as stored for this run.
    const latest = await inspecting(() =>
      db
        .from('reconciliation_runs')
        .where({ organisation_id: organisation.id, year: 2023 })
        .orderBy('id', 'desc')
        .firstOrFail()
    )
    const stored = await inspecting(() =>
      db
        .from('reconciliation_results as r')
        .where('r.run_id', latest.id)
        .where('r.status', 'discrepancy')
        .select('r.title', 'r.difference', 'r.position')
    )
    assert.isAbove(stored.length, 2, 'the demo has several discrepancies')
    const amounts = new Set(stored.map((r) => Math.abs(Number(r.difference ?? 0))))
    assert.isAbove(amounts.size, 1, 'discrepancies of different amounts')

    const discrepancies = await client
      .get('/rapprochements?annee=2023&statut=discrepancy')
      .actingAs(finance)
    const table = discrepancies.text().split('id="resultats-rapprochement"')[1].split('</table>')[0]
    const rows = table.split('<tbody>')[1].split('</tr>').slice(0, -1)
    assert.lengthOf(rows, stored.length)
    // The « Écart » column (the third figure) as shown, in French format.
    const shown = rows.map((row) => {
      const cell = [...row.matchAll(/<td class="num">([\s\S]*?)<\/td>/g)][2][1]
      const digits = cell.replace(/[^\d,-]/g, '').replace(',', '.')
      return digits === '' ? null : Math.abs(Number(digits))
    })
    const expected = stored
      .map((r) => (r.difference === null ? null : Math.abs(Number(r.difference))))
      .sort((a, b) => (b ?? -1) - (a ?? -1))
    assert.deepEqual(shown, expected)
    assert.isAbove(shown[0]!, shown[shown.length - 1] ?? 0)
    // Not the order of the catalogue: the sort is the amounts'.
    const byPosition = [...stored]
      .sort((a, b) => a.position - b.position)
      .map((r) => (r.difference === null ? null : Math.abs(Number(r.difference))))
    assert.notDeepEqual(shown, byPosition)
  }).timeout(120000)
})
