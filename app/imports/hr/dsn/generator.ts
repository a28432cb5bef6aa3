import type { ContractType, Csp, EndReason, Sex } from '#vocabulary/hr'
import {
  DSN_CONTRACT_CODES,
  DSN_END_REASON_MAP,
  PCS_ESE_OF_CSP,
  type DsnDeclarationType,
} from '#vocabulary/hr'

/**
 * Writes synthetic monthly DSN files (issue #19) in the NEODeS text format, following the
 * public structure of the norm: the demo's twelve 2023 files and the tests' files. No real
 * personal data: names, NIRs and amounts come from the caller.
 */

export interface FixtureContract {
  start: string
  contractType: ContractType
  csp: Csp
  jobTitle: string
  /** Share of a full time, '0.8000'. */
  share: string
  /** Set in the month the contract ends. */
  end?: string | null
  endReason?: EndReason | null
}

export interface FixturePerson {
  nir: string
  surname: string
  firstNames: string
  sex: Sex
  birthDate: string
  registryNumber: string | null
  contracts: FixtureContract[]
  /** Gross pay of the month (S21.G00.51 type 001). */
  gross: string
  /** Pay elements, keyed by block and code: 'S21.G00.51:010' (base), 'S21.G00.52:026'... */
  elements: Array<{ code: string; amount: string }>
  employerContributions: string
  stoppages?: Array<{ reason: string; lastWorked: string; plannedEnd: string }>
}

export interface FixtureDeclaration {
  siren: string
  nic: string
  /** 'YYYY-MM' */
  month: string
  type?: DsnDeclarationType
  people: FixturePerson[]
}

const FULL_TIME_HOURS = '151.67'
const dsnDate = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`
const END_CODE = Object.fromEntries(
  Object.entries(DSN_END_REASON_MAP)
    .reverse()
    .map(([code, reason]) => [reason, code])
) as Record<EndReason, string>

function lastDay(month: string) {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** A synthetic NIR (13 characters) for a person: sex, birth year and month, a department, an order. */
export function syntheticNir(sex: Sex, birthDate: string, serial: number) {
  const order = String(serial % 1_000_000).padStart(6, '0')
  return `${sex === 'F' ? '2' : '1'}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}75${order}`
}

export function dsnFixture(declaration: FixtureDeclaration) {
  const lines: string[] = []
  const put = (rubric: string, value: string) => lines.push(`${rubric},'${value}'`)
  const first = `${declaration.month}-01`
  const last = lastDay(declaration.month)
  put('S10.G00.00.001', 'Socle générateur de DSN')
  put('S10.G00.00.002', 'Socle')
  put('S10.G00.00.003', '1.0')
  put('S10.G00.00.005', '02')
  put('S10.G00.00.006', 'P23V01')
  put('S10.G00.01.001', declaration.siren)
  put('S10.G00.01.002', declaration.nic)
  put('S20.G00.05.001', '01')
  put('S20.G00.05.002', declaration.type ?? '01')
  put('S20.G00.05.003', '11')
  put('S20.G00.05.004', '1')
  put('S20.G00.05.005', dsnDate(first))
  put('S20.G00.05.010', '01')
  put('S21.G00.06.001', declaration.siren)
  put('S21.G00.06.002', declaration.nic)
  put('S21.G00.11.001', declaration.nic)
  for (const person of declaration.type === '04' ? [] : declaration.people) {
    put('S21.G00.30.001', person.nir)
    put('S21.G00.30.002', person.surname)
    put('S21.G00.30.004', person.firstNames)
    put('S21.G00.30.005', person.sex === 'F' ? '02' : '01')
    put('S21.G00.30.006', dsnDate(person.birthDate))
    if (person.registryNumber) put('S21.G00.30.019', person.registryNumber)
    for (const contract of person.contracts) {
      const codes = DSN_CONTRACT_CODES[contract.contractType]
      put('S21.G00.40.001', dsnDate(contract.start))
      put('S21.G00.40.004', PCS_ESE_OF_CSP[contract.csp])
      put('S21.G00.40.006', contract.jobTitle)
      put('S21.G00.40.007', codes.nature)
      put('S21.G00.40.008', codes.scheme)
      put('S21.G00.40.011', '10')
      put('S21.G00.40.012', FULL_TIME_HOURS)
      put('S21.G00.40.013', (Number(contract.share) * Number(FULL_TIME_HOURS)).toFixed(2))
      if (codes.recourse) put('S21.G00.40.021', codes.recourse)
    }
    put('S21.G00.50.001', dsnDate(last))
    put('S21.G00.51.001', dsnDate(first))
    put('S21.G00.51.002', dsnDate(last))
    put('S21.G00.51.011', '001')
    put('S21.G00.51.013', person.gross)
    const blocks = ['S21.G00.51', 'S21.G00.52', 'S21.G00.54']
    for (const block of blocks) {
      for (const element of person.elements.filter((e) => e.code.startsWith(`${block}:`))) {
        const code = element.code.slice(11)
        if (block === 'S21.G00.51') {
          put('S21.G00.51.001', dsnDate(first))
          put('S21.G00.51.002', dsnDate(last))
          put('S21.G00.51.011', code)
          put('S21.G00.51.013', element.amount)
        } else {
          put(`${block}.001`, code)
          put(`${block}.002`, element.amount)
        }
      }
    }
    for (const stoppage of person.stoppages ?? []) {
      put('S21.G00.60.001', stoppage.reason)
      put('S21.G00.60.002', dsnDate(stoppage.lastWorked))
      put('S21.G00.60.003', dsnDate(stoppage.plannedEnd))
    }
    for (const contract of person.contracts.filter((c) => c.end)) {
      put('S21.G00.62.001', dsnDate(contract.end!))
      put('S21.G00.62.002', END_CODE[contract.endReason ?? 'autre'])
    }
    put('S21.G00.78.001', '03')
    put('S21.G00.78.002', dsnDate(first))
    put('S21.G00.78.003', dsnDate(last))
    put('S21.G00.78.004', person.gross)
    put('S21.G00.81.001', '100')
    put('S21.G00.81.004', person.employerContributions)
  }
  put('S90.G00.90.001', String(lines.length + 2))
  put('S90.G00.90.002', '1')
  return `${lines.join('\n')}\n`
}
