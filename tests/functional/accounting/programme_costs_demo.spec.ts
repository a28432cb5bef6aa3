import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import type Organisation from '#models/core/organisation'
import {
  demoOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
} from '#tests/helpers'
import { setupLedger } from '#tests/fixtures/accounting'
import { flashed, send } from '#tests/functional/grants/helpers'
import { buildDemoLedger } from '#database/seeders/accounting_demo_ledger'
import { loadRapport2023 } from '#database/seeders/demo'
import { verifyChain } from '#actions/accounting/verify_chain'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
/** A French amount as printed (« 1 234,56 € ») to a Decimal. */
const amount = (text: string) =>
  new Decimal(
    text
      .replace(/[\s€]/g, '')
      .replace(/\u2212/g, '-')
      .replace(',', '.')
  )
const cell = (html: string, attribute: string) => {
  const found = new RegExp(`${attribute}>([^<]*)<`).exec(plain(html))
  if (!found) throw new Error(`absent : ${attribute}`)
  return amount(found[1])
}
const costOf = (html: string, code: string) =>
  amount(
    new RegExp(`data-programme="${code}">[\\s\\S]*?data-cost>([^<]*)<`).exec(plain(html))?.[1] ??
      'NaN'
  )

async function demoFiscalYear(organisation: Organisation, year: number) {
  return inspecting(() =>
    db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .whereRaw('extract(year FROM end_date) = ?', [year])
      .firstOrFail()
  )
}

async function demoProgramme(organisation: Organisation, code: string) {
  return inspecting(() =>
    db.from('programmes').where({ organisation_id: organisation.id, code }).firstOrFail()
  )
}

test.group('Analytic dimensions of the demo ledger', (group) => {
  isolated(group)

  test('cost per programme of 2023 has direct costs per programme adding up to the ledger lines carrying a programme', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const fiscalYear = await demoFiscalYear(organisation, 2023)
    const [independent] = await inspecting(
      async () =>
        (
          await db.rawQuery(
            `SELECT sum(l.debit - l.credit)::text AS direct,
                    count(DISTINCT l.programme_id) AS programmes
               FROM entry_lines l JOIN entries e ON e.id = l.entry_id
               JOIN journals j ON j.id = e.journal_id
              WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'
                AND j.code <> 'AN' AND l.account_number LIKE '6%' AND l.programme_id IS NOT NULL`,
            [organisation.id, fiscalYear.id]
          )
        ).rows
    )
    assert.isAbove(Number(independent.programmes), 3)
    const response = await client
      .get('/comptabilite/cout-par-dispositif?annee=2023&cle=couts_directs')
      .actingAs(finance)
    response.assertStatus(200)
    const html = response.text()
    assert.isTrue(cell(html, 'data-total="direct"').equals(independent.direct))
    for (const code of ['CEJ', 'PACEA', 'PARRAINAGE']) assert.isTrue(costOf(html, code).gt(0))
    // The advisers' pay is on the lines of the programmes HR allocates their time to.
    const [staff] = await inspecting(
      async () =>
        (
          await db.rawQuery(
            `SELECT (SELECT array_agg(DISTINCT l.programme_id ORDER BY l.programme_id) FROM entry_lines l
                      WHERE l.organisation_id = ? AND l.account_number LIKE '641%'
                        AND l.programme_id IS NOT NULL)::text AS paid,
                    (SELECT array_agg(DISTINCT t.programme_id ORDER BY t.programme_id) FROM time_allocations t
                      WHERE t.organisation_id = ? AND t.month BETWEEN '2023-01-01' AND '2023-12-01')::text AS allocated,
                    (SELECT array_agg(DISTINCT gp.programme_id ORDER BY gp.programme_id) FROM grant_programmes gp
                      JOIN grant_years y ON y.grant_id = gp.grant_id
                      WHERE gp.organisation_id = ? AND y.year = 2023)::text AS funded`,
            [organisation.id, organisation.id, organisation.id]
          )
        ).rows
    )
    assert.equal(staff.paid, staff.allocated)
    // Every programme funded in 2023 has staff time, and only those (demo_time_plan.ts).
    assert.equal(staff.allocated, staff.funded)
    assert.isAbove(staff.funded.split(',').length, 3)
  })

  test('no amount moved: closing balances of 2023 equal the built ledger’s, the hash chain holds', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const fiscalYear = await demoFiscalYear(organisation, 2023)
    const { closing2023 } = buildDemoLedger(await loadRapport2023())
    const rows = await inspecting(
      async () =>
        (
          await db.rawQuery(
            `SELECT l.account_number, round(sum(l.debit - l.credit) * 100)::int AS cents
               FROM entry_lines l JOIN entries e ON e.id = l.entry_id
              WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'
              GROUP BY 1 HAVING sum(l.debit - l.credit) <> 0`,
            [organisation.id, fiscalYear.id]
          )
        ).rows as Array<{ account_number: string; cents: number }>
    )
    const expected = [...closing2023].filter(([, cents]) => cents !== 0)
    assert.deepEqual(
      Object.fromEntries(rows.map((r) => [r.account_number, r.cents])),
      Object.fromEntries(expected)
    )
    assert.isNull((await verifyChain(organisation.id)).firstBreak)
  })

  test('the ledger filters by programme and by convention (allocation overlay included)', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const fiscalYear = await demoFiscalYear(organisation, 2023)
    const cej = await demoProgramme(organisation, 'CEJ')
    const byProgramme = plain(
      (
        await client
          .get(`/comptabilite/balance?exercice=${fiscalYear.id}&programme=${cej.id}`)
          .actingAs(finance)
      ).text()
    )
    assert.match(byProgramme, /compte=6411">6411<\/a>/)
    const antenna = await inspecting(() =>
      db
        .from('territories')
        .where({ organisation_id: organisation.id, kind: 'antenna' })
        .orderBy('position')
        .firstOrFail()
    )
    const byTerritory = plain(
      (
        await client
          .get(`/comptabilite/balance?exercice=${fiscalYear.id}&territoire=${antenna.id}`)
          .actingAs(finance)
      ).text()
    )
    assert.match(byTerritory, /compte=6411">6411<\/a>/)
    assert.match(byTerritory, /compte=6251">6251<\/a>/)
    // A convention whose ledger lines carry no convention: attributed by the overlay only.
    const grant = await inspecting(() =>
      db
        .from('grants as g')
        .join('grant_programmes as gp', 'gp.grant_id', 'g.id')
        .where('g.organisation_id', organisation.id)
        .where('gp.programme_id', cej.id)
        .whereNotNull('g.revenue_account')
        .orderBy('g.id')
        .select('g.id', 'g.revenue_account')
        .firstOrFail()
    )
    const booked = await inspecting(() =>
      db.from('entry_lines').where({ organisation_id: organisation.id, grant_id: grant.id })
    )
    assert.lengthOf(booked, 0)
    const byGrant = plain(
      (
        await client
          .get(`/comptabilite/balance?exercice=${fiscalYear.id}&financement=${grant.id}`)
          .actingAs(finance)
      ).text()
    )
    assert.match(byGrant, new RegExp(`compte=${grant.revenue_account}">${grant.revenue_account}<`))
    assert.notInclude(byGrant, 'Aucune écriture validée pour ces critères.')
    // Each account counts for the part attributed to the convention, staff lines drawn in part.
    const attributed = await inspecting(
      async () =>
        (
          await db.rawQuery(
            `SELECT l.account_number, sum(l.debit)::text AS debit FROM grant_ledger_lines l
               JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
              WHERE l.organisation_id = ? AND l.grant_id = ? AND e.fiscal_year_id = ?
                AND j.code <> 'AN' AND l.account_number LIKE '64%'
              GROUP BY 1`,
            [organisation.id, grant.id, fiscalYear.id]
          )
        ).rows as Array<{ account_number: string; debit: string }>
    )
    assert.isNotEmpty(attributed)
    for (const { account_number: account, debit } of attributed) {
      const row = new RegExp(`compte=${account}">${account}</a>[\\s\\S]*?</tr>`).exec(byGrant)![0]
      const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])
      assert.isTrue(amount(cells[2]).equals(debit), `${account} : ${cells[2]} ≠ ${debit}`)
    }
  })
})

test.group('Overhead key saved per fiscal year', (group) => {
  isolated(group)

  test('finance saves the key of a year; the report uses it by default, ?cle= still overrides; changed at its version', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const fiscalYear = await demoFiscalYear(organisation, 2023)
    const page = async (qs = '') =>
      (
        await client.get(`/comptabilite/cout-par-dispositif?annee=2023${qs}`).actingAs(finance)
      ).text()
    const before = await page()
    assert.include(before, 'data-key-source="default"')
    const byRevenue = await page('&cle=produits')
    assert.isFalse(costOf(before, 'CEJ').equals(costOf(byRevenue, 'CEJ')))

    const saved = await send(client, finance, 'post', '/comptabilite/cout-par-dispositif/cle', {
      exercice: fiscalYear.id,
      cle: 'produits',
    })
    saved.assertStatus(302)
    assert.include(saved.header('location'), 'annee=2023')
    const after = await page()
    assert.include(after, 'data-key-source="saved"')
    assert.isTrue(costOf(after, 'CEJ').equals(costOf(byRevenue, 'CEJ')))
    assert.isTrue(costOf(await page('&cle=etp'), 'CEJ').equals(costOf(before, 'CEJ')))
    const row = await inspecting(() =>
      db.from('programme_cost_keys').where('fiscal_year_id', fiscalYear.id).firstOrFail()
    )
    assert.equal(row.overhead_key, 'produits')
    const events = await inspecting(() =>
      db.from('audit_events').where({ subject_type: 'programme_cost_keys', subject_id: row.id })
    )
    assert.lengthOf(events, 1)

    // A second save at the version read changes it; a stale version is refused.
    const changed = await send(client, finance, 'post', '/comptabilite/cout-par-dispositif/cle', {
      exercice: fiscalYear.id,
      cle: 'couts_directs',
      version: row.version,
    })
    changed.assertStatus(302)
    const stale = await send(client, finance, 'post', '/comptabilite/cout-par-dispositif/cle', {
      exercice: fiscalYear.id,
      cle: 'etp',
      version: row.version,
    })
    assert.include(flashed(stale), 'modifiée par quelqu')
    const now = await inspecting(() =>
      db.from('programme_cost_keys').where('id', row.id).firstOrFail()
    )
    assert.equal(now.overhead_key, 'couts_directs')
    assert.equal(now.version, row.version + 1)
  })

  test('refused in French, nothing written: unknown key, another organisation’s year, board and HR readers', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const board = await makeUser(organisation, ['board'])
    const hr = await makeUser(organisation, ['hr'])
    const fiscalYear = await demoFiscalYear(organisation, 2023)
    const other = await makeOrganisation('Autre mission locale')
    const otherLedger = await setupLedger(other, [2023])
    const url = '/comptabilite/cout-par-dispositif/cle'
    const before = await inspecting(() => tableCounts(['programme_cost_keys', 'audit_events']))

    const unknown = await send(client, finance, 'post', url, {
      exercice: fiscalYear.id,
      cle: 'au_hasard',
    })
    unknown.assertStatus(302)
    const bag = unknown.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.isNotEmpty(bag.cle)
    const foreign = await send(client, finance, 'post', url, {
      exercice: otherLedger.fiscalYears[2023],
      cle: 'produits',
    })
    assert.oneOf(foreign.status(), [302, 404])
    assert.include(
      plain(foreign.status() === 404 ? foreign.text() : flashed(foreign)),
      'Exercice introuvable'
    )
    const badId = await send(client, finance, 'post', url, { exercice: 'abc', cle: 'produits' })
    badId.assertStatus(302)
    ;(
      await send(client, board, 'post', url, { exercice: fiscalYear.id, cle: 'produits' })
    ).assertStatus(403)
    ;(
      await send(client, hr, 'post', url, { exercice: fiscalYear.id, cle: 'produits' })
    ).assertStatus(403)
    assert.deepEqual(
      await inspecting(() => tableCounts(['programme_cost_keys', 'audit_events'])),
      before
    )
    // The board reads the page without the form.
    const read = await client.get('/comptabilite/cout-par-dispositif?annee=2023').actingAs(board)
    read.assertStatus(200)
    assert.notInclude(read.text(), 'Enregistrer la clé pour l’exercice')
  })
})

test.group('Convention budget: réalisé with HR staff costs', (group) => {
  isolated(group)

  test('the réalisé takes the staff costs of the convention’s programmes from the time allocations, equal to an independent computation', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const cej = await demoProgramme(organisation, 'CEJ')
    const grant = await inspecting(() =>
      db
        .from('grants as g')
        .join('grant_programmes as gp', 'gp.grant_id', 'g.id')
        .where('g.organisation_id', organisation.id)
        .where('gp.programme_id', cej.id)
        .orderBy('g.id')
        .select(
          'g.id',
          db.raw('g.period_start::text AS start'),
          db.raw('g.period_end::text AS end')
        )
        .firstOrFail()
    )
    const settings = await inspecting(() =>
      db.from('hr_settings').where('organisation_id', organisation.id).firstOrFail()
    )
    // Per programme of the convention: Σ share × month's gross (DSN, else salary rate / 12 ×
    // part time) × (1 + employer charge rate), rounded to the cent.
    const [expected] = await inspecting(
      async () =>
        (
          await db.rawQuery(
            `WITH per_programme AS (
               SELECT ta.programme_id,
                      round(sum(ta.share * coalesce(
                        (SELECT m.gross FROM dsn_employee_months m JOIN dsn_declarations d
                            ON d.id = m.declaration_id AND d.status = 'active'
                          WHERE m.employee_id = ta.employee_id AND m.month = ta.month),
                        (SELECT se.gross_annual_fte FROM salary_events se
                          WHERE se.employee_id = ta.employee_id
                            AND se.effective_date <= (ta.month + interval '1 month' - interval '1 day')::date
                          ORDER BY se.effective_date DESC, se.id DESC LIMIT 1) / 12
                        * (SELECT c.part_time_share FROM contracts c
                            WHERE c.employee_id = ta.employee_id AND c.superseded_at IS NULL
                              AND c.start_date <= (ta.month + interval '1 month' - interval '1 day')::date
                              AND (c.end_date IS NULL OR c.end_date >= ta.month)
                            ORDER BY c.start_date DESC LIMIT 1)))
                      * (1 + ?::numeric), 2) AS total
                 FROM time_allocations ta
                WHERE ta.organisation_id = ?
                  AND ta.programme_id IN (SELECT programme_id FROM grant_programmes WHERE grant_id = ?)
                  AND ta.month BETWEEN date_trunc('month', ?::date)::date AND ?::date
                GROUP BY ta.programme_id)
             SELECT (SELECT sum(total) FROM per_programme)::text AS hr,
                    (SELECT coalesce(sum(l.debit - l.credit), 0) FROM grant_ledger_lines l
                      WHERE l.organisation_id = ? AND l.grant_id = ? AND l.account_number LIKE '6%'
                        AND l.account_number NOT LIKE '689%' AND l.account_number NOT LIKE '64%')::text AS other`,
            [
              settings.employer_charge_rate,
              organisation.id,
              grant.id,
              grant.start,
              grant.end,
              organisation.id,
              grant.id,
            ]
          )
        ).rows
    )
    assert.isTrue(new Decimal(expected.hr).gt(0))
    const response = await client
      .get(`/financements/conventions/${grant.id}/budget/impression`)
      .actingAs(finance)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'data-staff-source="hr"')
    assert.isTrue(
      cell(html, `data-staff-programme="${cej.id}"`).equals(expected.hr),
      `RH ${expected.hr}`
    )
    assert.isTrue(cell(html, 'data-staff="other"').equals(expected.other))
    assert.isTrue(
      cell(html, 'data-staff="actual"').equals(new Decimal(expected.hr).plus(expected.other))
    )
  })
})
