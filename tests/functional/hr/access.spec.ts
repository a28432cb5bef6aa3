import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { formatMoney } from '#support/french_format'
import { seededHrOrganisation } from './helpers.js'

/** Every GET route under /rh, with a real employee id in place of :id. */
function hrGetRoutes(employeeId: number) {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .filter(
      (r) => (r.pattern as string).startsWith('/rh') && (r.methods as string[]).includes('GET')
    )
    .map((r) => ({
      path: (r.pattern as string).replace(':id', String(employeeId)),
      permission: [...r.middleware.all()].find((m: any) => m.name === 'permit')?.args?.permission,
    }))
}

/** Every cell of a downloaded workbook, as text ("31240" for numbers, French text as is). */
async function workbookText(response: any) {
  const raw = response.response.body
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(response.response.text ?? '', 'binary')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as any)
  const cells: string[] = []
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))))
  )
  if (cells.length === 0) throw new Error('empty workbook')
  return ` ${cells.join(' | ')} `
}

/** A whole word, accents included (\\b does not see É as a letter). */
const word = (text: string) => new RegExp(`(?<!\\p{L})${text}(?!\\p{L})`, 'u')

const HR_TABLES = ['employees', 'contracts', 'salary_events', 'time_allocations', 'audit_events']

test.group('HR | access rules', (group) => {
  isolated(group)

  test('a board member reaches the aggregates but never a name nor a salary', async ({
    client,
    assert,
  }) => {
    const { organisation } = await seededHrOrganisation()
    const board = await makeUser(organisation, ['board'])
    const employees = await db
      .from('employees')
      .where('organisation_id', organisation.id)
      .select('id', 'surname')
    const salaries = await db
      .from('salary_events')
      .where('organisation_id', organisation.id)
      .distinct('gross_annual_fte')
    const surnames = [...new Set(employees.flatMap((e) => e.surname.split('-')))]
    // Amounts that aggregate pages legitimately show (training costs and financing per action)
    // may coincide with a salary figure: those are not leaks.
    const shown = await db.rawQuery(
      `SELECT sum(amount) AS a FROM training_cost_lines WHERE organisation_id = ? GROUP BY training_action_id
       UNION SELECT sum(amount_expected) FROM training_financing_lines WHERE organisation_id = ? GROUP BY training_action_id`,
      [organisation.id, organisation.id]
    )
    const legit = new Set(shown.rows.map((r: any) => Number(r.a)))
    const personal = salaries.filter((s) => !legit.has(Number(s.gross_annual_fte)))
    const amounts = personal.map((s) => formatMoney(s.gross_annual_fte))
    const raw = personal.map((s) => String(Number(s.gross_annual_fte)))
    const routes = hrGetRoutes(employees[0].id)
    assert.isAbove(routes.length, 12)
    let readable = 0
    for (const route of routes) {
      const response = await client
        .get(route.path + (route.path.includes('?') ? '' : '?annee=2023'))
        .actingAs(board)
      if (route.permission === 'hr.aggregates') {
        assert.equal(response.status(), 200, route.path)
        readable++
      } else {
        response.assertStatus(403)
      }
      const body =
        route.path.endsWith('.xlsx') && response.status() === 200
          ? await workbookText(response)
          : (response.text() ?? '')
      for (const surname of surnames) {
        assert.notMatch(body, word(surname), `${route.path} shows a name (${surname})`)
      }
      for (const amount of amounts) assert.notInclude(body, amount, `${route.path} shows a salary`)
      {
        for (const value of raw)
          // Letters around the digits are a random token (CSRF, request id), not a figure.
          assert.notMatch(
            body,
            new RegExp(`(?<![0-9A-Za-z.,_-])${value}(?![0-9A-Za-z_-])`),
            `${route.path} shows a salary`
          )
      }
    }
    assert.isAtLeast(readable, 8)
    // the same reading of a workbook does see names where they belong (HR's register export)
    const hr = await makeUser(organisation, ['hr'])
    const register = await workbookText(await client.get('/rh/registre.xlsx').actingAs(hr))
    assert.match(register, word(surnames[0]))
    const salaryList = await workbookText(
      await client.get(`/rh/salaries/${employees[0].id}/donnees.xlsx`).actingAs(hr)
    )
    assert.isTrue(
      raw.some((value) => salaryList.includes(` ${value} `) || salaryList.includes(`| ${value} |`))
    )
  }).timeout(60_000)

  test('board, finance, quality and direction get 403 on personal routes and on writes', async ({
    client,
  }) => {
    const { organisation } = await seededHrOrganisation()
    const employee = await db.from('employees').where('organisation_id', organisation.id).first()
    const contract = await db.from('contracts').where('employee_id', employee.id).first()
    const personal = [
      '/rh/salaries',
      '/rh/salaries.xlsx',
      `/rh/salaries/${employee.id}`,
      `/rh/salaries/${employee.id}/donnees.xlsx`,
      '/rh/registre',
      '/rh/registre.xlsx',
      '/rh/temps',
      '/rh/temps.xlsx',
    ]
    const writes = [
      '/rh/salaries',
      `/rh/salaries/${employee.id}/contrats`,
      `/rh/contrats/${contract.id}/fin`,
      `/rh/contrats/${contract.id}/correction`,
      `/rh/salaries/${employee.id}/salaires`,
      '/rh/registre/anonymisation',
      '/rh/temps/parametres',
      `/rh/salaries/${employee.id}/conges`,
      '/rh/emplois-reperes',
      '/rh/formation/actions',
      '/rh/formation/sessions',
      '/rh/formation/couts',
      '/rh/formation/financements',
      `/rh/salaries/${employee.id}/formations`,
      `/rh/salaries/${employee.id}/temps`,
    ]
    for (const role of ['board', 'finance', 'quality', 'direction'] as const) {
      const user = await makeUser(organisation, [role])
      for (const path of personal) (await client.get(path).actingAs(user)).assertStatus(403)
      for (const path of writes)
        (await client.post(path).form({}).withCsrfToken().actingAs(user)).assertStatus(403)
    }
    for (const role of ['finance', 'quality'] as const) {
      const user = await makeUser(organisation, [role])
      ;(await client.get('/rh/bilan-social').actingAs(user)).assertStatus(403)
    }
    const hr = await makeUser(organisation, ['hr'])
    for (const path of personal)
      (await client.get(path + '?annee=2023').actingAs(hr)).assertStatus(200)
  }).timeout(60_000)

  test('one organisation never sees the staff of another', async ({ client, assert }) => {
    const { organisation } = await seededHrOrganisation()
    const employee = await db.from('employees').where('organisation_id', organisation.id).first()
    const other = await makeOrganisation('Autre Mission Locale')
    const hr = await makeUser(other, ['hr'])
    ;(await client.get(`/rh/salaries/${employee.id}`).actingAs(hr)).assertStatus(404)
    const list = await client.get('/rh/salaries').actingAs(hr)
    list.assertStatus(200)
    assert.notInclude(list.text(), employee.surname)
    const bilan = await client.get('/rh/bilan-social?annee=2023').actingAs(hr)
    bilan.assertStatus(200)
    assert.notInclude(bilan.text(), '>143<')
    const contract = await db
      .from('contracts')
      .where('employee_id', employee.id)
      .whereNull('end_date')
      .first()
    const before = await tableCounts(HR_TABLES)
    const response = await client
      .post(`/rh/contrats/${contract.id}/fin`)
      .form({ endDate: '2024-01-31', endReason: 'demission' })
      .withCsrfToken()
      .actingAs(hr)
    response.assertStatus(404)
    assert.deepEqual(await tableCounts(HR_TABLES), before)
  }).timeout(60_000)
})
