import { test } from '@japa/runner'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseDsn } from '#imports/hr/dsn/parser'
import { dsnFixture } from '#imports/hr/dsn/generator'
import { fixturePerson } from '#tests/functional/hr/dsn_fixtures'

const SIREN = '123456789'

async function parseText(text: string, siren: string | null = SIREN) {
  const dir = await mkdtemp(join(tmpdir(), 'dsn-'))
  const path = join(dir, 'dsn.txt')
  await writeFile(path, text, 'latin1')
  return parseDsn(path, Buffer.byteLength(text, 'latin1'), { siren })
}

const good = () =>
  dsnFixture({ siren: SIREN, nic: '00012', month: '2023-03', people: [fixturePerson()] })

/** The file with one line changed (1-based) or removed. */
function edit(text: string, line: number, replacement: string | null) {
  const lines = text.trimEnd().split('\n')
  if (replacement === null) lines.splice(line - 1, 1)
  else lines[line - 1] = replacement
  return `${lines.join('\n')}\n`
}
const lineOf = (text: string, rubric: string) =>
  text.split('\n').findIndex((l) => l.startsWith(`${rubric},`)) + 1

test.group('DSN parser', () => {
  test('reads a monthly declaration: company, person, contract, pay, contributions', async ({
    assert,
  }) => {
    const { declaration, issues } = await parseText(good())
    assert.deepEqual(issues, [])
    assert.equal(declaration!.type, '01')
    assert.equal(declaration!.month, '2023-03-01')
    assert.equal(declaration!.siret, '12345678900012')
    const [person] = declaration!.individuals
    assert.equal(person.sex, 'F')
    assert.equal(person.birthDate, '1985-04-12')
    assert.equal(person.registryNumber, 'M0001')
    assert.equal(person.contracts[0].contractType, 'cdi')
    assert.equal(person.contracts[0].csp, 'tam')
    assert.equal(person.contracts[0].share, '0.8000')
    assert.equal(person.gross.toFixed(2), '2500.00')
    assert.equal(person.employerContributions.toFixed(2), '1050.00')
    assert.deepEqual(
      person.pay.map((p) => [p.kind, p.amount.toFixed(2), p.start, p.end]),
      [
        ['base', '2300.00', '2023-03-01', '2023-03-31'],
        ['prime', '150.00', '2023-03-01', '2023-03-31'],
        ['avantage_nature', '50.00', '2023-03-01', '2023-03-31'],
      ]
    )
    assert.equal(declaration!.grossTotal.toFixed(2), '2500.00')
  })

  test('reads an end of contract and a maternity stoppage as a leave', async ({ assert }) => {
    const text = dsnFixture({
      siren: SIREN,
      nic: '00012',
      month: '2023-03',
      people: [
        fixturePerson({
          contracts: [
            {
              start: '2022-01-01',
              contractType: 'cdd_remplacement',
              csp: 'employe',
              jobTitle: 'Chargée d’accueil',
              share: '1.0000',
              end: '2023-03-15',
              endReason: 'fin_cdd',
            },
          ],
          stoppages: [{ reason: '02', lastWorked: '2023-02-28', plannedEnd: '2023-06-20' }],
        }),
      ],
    })
    const { declaration, issues } = await parseText(text)
    assert.deepEqual(issues, [])
    const [person] = declaration!.individuals
    assert.equal(person.contracts[0].contractType, 'cdd_remplacement')
    assert.equal(person.contracts[0].end, '2023-03-15')
    assert.equal(person.contracts[0].endReason, 'fin_cdd')
    assert.deepEqual(person.leaves, [{ kind: 'maternite', start: '2023-03-01', end: '2023-06-20' }])
  })

  test('a malformed line is refused with its line', async ({ assert }) => {
    const text = edit(good(), 20, 'S21.G00.30.002;MARTIN')
    const { declaration, issues } = await parseText(text)
    assert.isNull(declaration)
    assert.equal(issues[0].line, 20)
    assert.match(issues[0].message, /mal formée/)
  })

  test('a rubric out of the norm’s order is refused with line and rubric', async ({ assert }) => {
    const text = good()
    const at = lineOf(text, 'S21.G00.30.006')
    const { declaration, issues } = await parseText(edit(text, at, "S21.G00.06.001,'123456789'"))
    assert.isNull(declaration)
    const issue = issues.find((i) => i.rubric === 'S21.G00.06.001')!
    assert.equal(issue.line, at)
    assert.match(issue.message, /hors de l’ordre/)
  })

  test('an unknown code is refused with line, rubric and value', async ({ assert }) => {
    const text = good()
    const at = lineOf(text, 'S21.G00.40.007')
    const { declaration, issues } = await parseText(edit(text, at, "S21.G00.40.007,'42'"))
    assert.isNull(declaration)
    assert.deepEqual(
      issues.map((i) => [i.line, i.rubric, i.value]),
      [[at, 'S21.G00.40.007', '42']]
    )
    assert.match(issues[0].message, /code inconnu : nature du contrat/)
  })

  test('an unknown PCS-ESE, a bad date and a bad amount are refused', async ({ assert }) => {
    let text = good()
    text = edit(text, lineOf(text, 'S21.G00.40.004'), "S21.G00.40.004,'999z'")
    text = edit(text, lineOf(text, 'S21.G00.30.006'), "S21.G00.30.006,'31021985'")
    text = edit(text, lineOf(text, 'S21.G00.81.004'), "S21.G00.81.004,'1 050,00'")
    const { issues } = await parseText(text)
    assert.sameMembers(
      issues.map((i) => i.rubric),
      ['S21.G00.40.004', 'S21.G00.30.006', 'S21.G00.81.004']
    )
  })

  test('a SIREN other than the organisation’s is refused', async ({ assert }) => {
    const { declaration, issues } = await parseText(good(), '987654321')
    assert.isNull(declaration)
    assert.equal(issues[0].rubric, 'S21.G00.06.001')
    assert.match(issues[0].message, /n’est pas celui de l’organisation/)
  })

  test('a missing block, a wrong line count and a binary file are refused', async ({ assert }) => {
    const text = good()
    const withoutTotal = edit(text, lineOf(text, 'S90.G00.90.001'), null)
    assert.include(
      (await parseText(withoutTotal)).issues.map((i) => i.rubric),
      'S90.G00.90.001'
    )
    const shorter = edit(text, lineOf(text, 'S21.G00.30.019'), null)
    assert.match((await parseText(shorter)).issues[0].message, /nombre de rubriques/)
    const binary = await parseText('\u0000\u0001PK\u0003\u0004garbage')
    assert.isNull(binary.declaration)
    assert.equal(binary.issues[0].line, 1)
  })
})
