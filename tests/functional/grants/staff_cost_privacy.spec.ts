import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, readWorkbook } from '#tests/helpers'
import { asOrg, makeGrant } from '#tests/functional/grants/fixtures'
import { addContract, addSalaryEvent, createEmployee, setAllocation } from '#actions/hr/register'

const RESERVED = 'détail réservé (moins de 3 personnes)'
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

/**
 * A convention whose one programme has one adviser's time in March 2023: 36 000 € a year full
 * time, so a staff cost of 3 000 × 1,45 = 4 350,00 € (the default employer charges), which is
 * that person's pay.
 */
async function oneAdviser(people = 1) {
  const organisation = await makeOrganisation()
  const grant = await makeGrant(organisation, 'SEUL')
  const [programme] = await db
    .table('programmes')
    .insert({
      organisation_id: organisation.id,
      code: 'P1',
      name: 'Dispositif P1',
      level: 'national',
    })
    .returning('id')
  await db
    .table('grant_programmes')
    .insert({ organisation_id: organisation.id, grant_id: grant.id, programme_id: programme.id })
  for (let n = 0; n < people; n++) {
    const employee = await asOrg(organisation, () =>
      db.transaction(async (trx) => {
        const e = await createEmployee(
          organisation.id,
          {
            surname: `Seul${n}`,
            firstNames: 'Anne',
            sex: 'F',
            birthDate: '1980-05-01',
            nationality: 'française',
          },
          trx
        )
        await addContract(
          e.id,
          {
            contractType: 'cdi',
            jobTitle: 'Conseillère',
            partTimeShare: 1,
            startDate: '2020-01-01',
          },
          trx
        )
        return e
      })
    )
    await asOrg(organisation, async () => {
      await addSalaryEvent(employee.id, {
        effectiveDate: '2020-01-01',
        kind: 'hire',
        grossAnnualFte: '36000',
      })
      await setAllocation(organisation.id, employee.id, programme.id, '2023-03-01', '1')
    })
  }
  return { organisation, grant, programmeId: programme.id as number }
}

async function pages(client: ApiClient, user: User, grantId: number) {
  const get = async (url: string) => {
    const response = await client.get(url).actingAs(user)
    response.assertStatus(200)
    return response
  }
  return {
    budget: plain((await get(`/financements/conventions/${grantId}/budget/impression`)).text()),
    report: plain(
      (await get(`/financements/conventions/${grantId}/bilan?du=2023-01-01&au=2023-12-31`)).text()
    ),
    budgetBook: await readWorkbook(await get(`/financements/conventions/${grantId}/budget.xlsx`)),
    reportBook: await readWorkbook(
      await get(`/financements/conventions/${grantId}/bilan.xlsx?du=2023-01-01&au=2023-12-31`)
    ),
  }
}

const sheetText = (book: Awaited<ReturnType<typeof readWorkbook>>, name: string) =>
  JSON.stringify(book.getWorksheet(name)!.getSheetValues())

test.group('Staff costs per programme keep one person’s pay reserved (issue #14)', (group) => {
  isolated(group)

  test('board and finance see « détail réservé » for a one-person programme, on pages and workbooks; the totals it would come back from too', async ({
    client,
    assert,
  }) => {
    const { organisation, grant, programmeId } = await oneAdviser()
    for (const role of ['board', 'finance'] as const) {
      const user = await makeUser(organisation, [role])
      const seen = await pages(client, user, grant.id)
      assert.include(seen.budget, RESERVED, role)
      assert.match(seen.budget, new RegExp(`data-staff-programme="${programmeId}" data-reserved`))
      assert.match(seen.budget, /data-staff="actual" data-reserved/)
      assert.notInclude(seen.budget, '4 350,00', role)
      assert.include(seen.report, RESERVED, role)
      assert.notInclude(seen.report, '4 350,00', role)
      const staffSheet = sheetText(seen.budgetBook, 'Réalisé avec personnel RH')
      assert.include(staffSheet, RESERVED)
      assert.notInclude(staffSheet, '4350')
      const costs = sheetText(seen.reportBook, 'Dépenses')
      assert.include(costs, RESERVED)
      assert.notInclude(costs, '4350')
    }
  })

  test('admin sees the figure; three people make a figure everybody sees', async ({
    client,
    assert,
  }) => {
    const one = await oneAdviser()
    const admin = await makeUser(one.organisation, ['admin'])
    const seen = await pages(client, admin, one.grant.id)
    assert.notInclude(seen.budget, RESERVED)
    assert.include(seen.budget, '4 350,00 €')
    assert.include(seen.report, '4 350,00 €')
    assert.include(sheetText(seen.budgetBook, 'Réalisé avec personnel RH'), '4350')
    assert.include(sheetText(seen.reportBook, 'Dépenses'), '4350')

    const three = await oneAdviser(3)
    const board = await makeUser(three.organisation, ['board'])
    const shown = await pages(client, board, three.grant.id)
    assert.notInclude(shown.budget, RESERVED)
    assert.include(shown.budget, '13 050,00 €')
    assert.include(shown.report, '13 050,00 €')
  })
})
