import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  dsnFixture,
  syntheticNir,
  type FixtureDeclaration,
  type FixturePerson,
} from '#imports/hr/dsn/generator'

/** A person of the tests' DSN files (synthetic data), with what a test changes. */
export function fixturePerson(overrides: Partial<FixturePerson> = {}): FixturePerson {
  return {
    nir: syntheticNir('F', '1985-04-12', 1),
    surname: 'MARTIN',
    firstNames: 'Claire',
    sex: 'F',
    birthDate: '1985-04-12',
    registryNumber: 'M0001',
    contracts: [
      {
        start: '2020-09-01',
        contractType: 'cdi',
        csp: 'tam',
        jobTitle: 'Conseillère',
        share: '0.8000',
      },
    ],
    gross: '2500.00',
    elements: [
      { code: 'S21.G00.51:010', amount: '2300.00' },
      { code: 'S21.G00.52:026', amount: '150.00' },
      { code: 'S21.G00.54:17', amount: '50.00' },
    ],
    employerContributions: '1050.00',
    ...overrides,
  }
}

/** A DSN file on disk, with its text. */
export async function dsnFile(
  declaration: Partial<FixtureDeclaration> & { siren: string },
  edit: (text: string) => string = (text) => text
) {
  const text = edit(
    dsnFixture({
      nic: '00012',
      month: '2023-03',
      people: [fixturePerson()],
      ...declaration,
    })
  )
  const dir = await mkdtemp(join(tmpdir(), 'socle-dsn-'))
  const path = join(dir, `dsn-${declaration.month ?? '2023-03'}.dsn`)
  await writeFile(path, text, 'latin1')
  return { path, text }
}

/** The text with the line of `rubric` replaced (or removed with null). */
export function replaceRubric(text: string, rubric: string, line: string | null) {
  const lines = text.trimEnd().split('\n')
  const at = lines.findIndex((l) => l.startsWith(`${rubric},`))
  if (line === null) lines.splice(at, 1)
  else lines[at] = line
  return `${lines.join('\n')}\n`
}

export const lineOf = (text: string, rubric: string) =>
  text.split('\n').findIndex((l) => l.startsWith(`${rubric},`)) + 1
