import { createReadStream } from 'node:fs'
import type { Decimal } from 'decimal.js'
import { sumMoney, toMoney } from '#support/money'
import {
  DSN_BONUS_TYPES,
  DSN_CONTRACT_NATURES,
  DSN_DECLARATION_TYPES,
  DSN_END_REASON_MAP,
  DSN_END_REASONS,
  DSN_LEAVE_KIND,
  DSN_OTHER_INCOME_TYPES,
  DSN_PAY_KIND,
  DSN_PAY_TYPES,
  DSN_PUBLIC_SCHEMES,
  DSN_SEXES,
  DSN_STOPPAGE_REASONS,
  cspOfPcsEse,
  dsnContractType,
  type ContractType,
  type Csp,
  type DsnDeclarationType,
  type EndReason,
  type PayComponentKind,
  type Sex,
} from '#vocabulary/hr'

/**
 * Reads a monthly DSN in the NEODeS text format, one `rubric,'value'` a line, as a stream:
 * every line is checked (its form, the order of blocks and rubrics of the norm, the codes
 * Socle knows), each block once complete, then the declaration as a whole. Nothing is written
 * here: the result is the declaration, or the issues with line, rubric and reason (ADR 17).
 */

export interface DsnIssue {
  line: number | null
  rubric: string | null
  value: string | null
  message: string
}

export interface DsnPayElement {
  kind: PayComponentKind
  amount: Decimal
  start: string
  end: string
}

export interface DsnContract {
  line: number
  start: string
  contractType: ContractType
  pcsEse: string
  csp: Csp
  jobTitle: string
  share: string
  end: string | null
  endReason: EndReason | null
}

export interface DsnLeave {
  kind: 'maternite' | 'adoption'
  start: string
  end: string
}

export interface DsnIndividual {
  line: number
  nir: string
  surname: string
  firstNames: string
  sex: Sex
  birthDate: string
  registryNumber: string | null
  contracts: DsnContract[]
  pay: DsnPayElement[]
  gross: Decimal
  employerContributions: Decimal
  leaves: DsnLeave[]
}

export interface DsnDeclaration {
  type: DsnDeclarationType
  month: string
  siren: string
  siret: string
  individuals: DsnIndividual[]
  grossTotal: Decimal
  contributionsTotal: Decimal
  lines: number
}

export interface DsnExpectations {
  /** The organisation's SIREN: the declaring company must be it. */
  siren: string | null
}

const MAX_BYTES = 20 * 1024 * 1024
const MAX_LINE = 600
const MAX_ISSUES = 200
const LINE = /^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),'(.*)'$/

/** The blocks of the norm Socle reads; the others of the norm are accepted and ignored. */
const READ_BLOCKS = [
  'S10.G00.00',
  'S10.G00.01',
  'S20.G00.05',
  'S21.G00.06',
  'S21.G00.11',
  'S21.G00.30',
  'S21.G00.40',
  'S21.G00.50',
  'S21.G00.51',
  'S21.G00.52',
  'S21.G00.54',
  'S21.G00.60',
  'S21.G00.62',
  'S21.G00.78',
  'S21.G00.81',
  'S90.G00.90',
]
const IGNORED_BLOCKS = [
  'S10.G00.02',
  'S20.G00.07',
  'S21.G00.15',
  'S21.G00.16',
  'S21.G00.20',
  'S21.G00.21',
  'S21.G00.22',
  'S21.G00.23',
  'S21.G00.31',
  'S21.G00.34',
  'S21.G00.41',
  'S21.G00.44',
  'S21.G00.53',
  'S21.G00.55',
  'S21.G00.56',
  'S21.G00.63',
  'S21.G00.65',
  'S21.G00.66',
  'S21.G00.70',
  'S21.G00.71',
  'S21.G00.72',
  'S21.G00.73',
  'S21.G00.79',
  'S21.G00.82',
  'S21.G00.86',
]
const KNOWN_BLOCKS = new Set([...READ_BLOCKS, ...IGNORED_BLOCKS])
const REQUIRED_BLOCKS = ['S10.G00.00', 'S20.G00.05', 'S21.G00.06', 'S21.G00.11', 'S90.G00.90']

/** Order of a block in the norm: structure, then group (blocks of S21 follow their numbers). */
const orderOf = (block: string) => Number(block.slice(1, 3)) * 100 + Number(block.slice(8, 10))
/** Blocks that repeat (from the establishment's payments down to each person's blocks). */
const repeats = (block: string) => block.startsWith('S21.') && orderOf(block) >= 2115
const personal = (block: string) => block.startsWith('S21.') && orderOf(block) >= 2130

type Fields = Map<string, { value: string; line: number }>

class DsnReader {
  issues: DsnIssue[] = []
  private individual: DsnIndividual | null = null
  individuals: DsnIndividual[] = []
  seen = new Set<string>()
  withContracts = new Set<DsnIndividual>()
  type: DsnDeclarationType | null = null
  month: string | null = null
  siren: string | null = null
  siret: string | null = null
  declaredLines: { count: number; line: number } | null = null

  constructor(private expect: DsnExpectations) {}

  fail(line: number | null, rubric: string | null, value: string | null, message: string) {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ line, rubric, value, message })
  }

  private text(
    fields: Fields,
    block: string,
    rubric: string,
    options: { required?: boolean; max?: number; pattern?: RegExp; what?: string; line: number }
  ) {
    const name = `${block}.${rubric}`
    const found = fields.get(rubric)
    if (!found || found.value.trim() === '') {
      if (options.required)
        this.fail(options.line, name, null, `rubrique obligatoire absente (${options.what ?? ''})`)
      return null
    }
    const value = found.value.trim()
    if (options.max && value.length > options.max) {
      this.fail(found.line, name, value, `valeur trop longue (${options.max} caractères au plus)`)
      return null
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.fail(found.line, name, value, `${options.what ?? 'valeur'} invalide`)
      return null
    }
    return value
  }

  private code<T extends Record<string, string>>(
    fields: Fields,
    block: string,
    rubric: string,
    labels: T,
    what: string,
    line: number,
    required = true
  ): (keyof T & string) | null {
    const value = this.text(fields, block, rubric, { required, what, line })
    if (value === null) return null
    if (!(value in labels)) {
      this.fail(fields.get(rubric)!.line, `${block}.${rubric}`, value, `code inconnu : ${what}`)
      return null
    }
    return value as keyof T & string
  }

  private date(
    fields: Fields,
    block: string,
    rubric: string,
    what: string,
    line: number,
    required = true
  ) {
    const value = this.text(fields, block, rubric, { required, what, line })
    if (value === null) return null
    const match = /^(\d{2})(\d{2})(\d{4})$/.exec(value)
    const iso = match ? `${match[3]}-${match[2]}-${match[1]}` : null
    const valid =
      iso !== null &&
      !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) &&
      new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso
    if (!valid) {
      this.fail(
        fields.get(rubric)!.line,
        `${block}.${rubric}`,
        value,
        `date invalide (JJMMAAAA attendu) : ${what}`
      )
      return null
    }
    return iso
  }

  private amount(fields: Fields, block: string, rubric: string, what: string, line: number) {
    const value = this.text(fields, block, rubric, { required: true, what, line })
    if (value === null) return null
    if (!/^-?\d{1,13}\.\d{2}$/.test(value)) {
      this.fail(
        fields.get(rubric)!.line,
        `${block}.${rubric}`,
        value,
        `montant invalide (0000.00 attendu) : ${what}`
      )
      return null
    }
    return toMoney(value)
  }

  private monthBounds() {
    const start = this.month ?? '1900-01-01'
    const d = new Date(`${start}T00:00:00Z`)
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))
    return { start, end: end.toISOString().slice(0, 10) }
  }

  /** A block occurrence is complete: read it into the declaration. */
  close(block: string, fields: Fields, line: number) {
    this.seen.add(block)
    if (personal(block) && block !== 'S21.G00.30' && !this.individual) {
      this.fail(
        line,
        `${block}.001`,
        null,
        'bloc d’un salarié avant tout bloc individu (S21.G00.30)'
      )
      return
    }
    switch (block) {
      case 'S20.G00.05': {
        const nature = this.text(fields, block, '001', {
          required: true,
          what: 'nature de la déclaration',
          line,
        })
        if (nature !== null && nature !== '01')
          this.fail(
            fields.get('001')!.line,
            `${block}.001`,
            nature,
            'nature de déclaration non prise en charge : seule la DSN mensuelle (01) est lue'
          )
        this.type = this.code(
          fields,
          block,
          '002',
          DSN_DECLARATION_TYPES,
          'type de la déclaration',
          line
        )
        const month = this.date(fields, block, '005', 'mois principal déclaré', line)
        if (month && !month.endsWith('-01'))
          this.fail(
            fields.get('005')!.line,
            `${block}.005`,
            fields.get('005')!.value,
            'le mois déclaré s’écrit au premier jour du mois (01MMAAAA)'
          )
        else this.month = month
        return
      }
      case 'S21.G00.06': {
        const siren = this.text(fields, block, '001', {
          required: true,
          pattern: /^\d{9}$/,
          what: 'SIREN',
          line,
        })
        if (siren === null) return
        if (!this.expect.siren)
          this.fail(
            fields.get('001')!.line,
            `${block}.001`,
            siren,
            'le SIREN de l’organisation n’est pas renseigné dans ses paramètres'
          )
        else if (siren !== this.expect.siren)
          this.fail(
            fields.get('001')!.line,
            `${block}.001`,
            siren,
            `ce SIREN n’est pas celui de l’organisation (${this.expect.siren})`
          )
        else this.siren = siren
        return
      }
      case 'S21.G00.11': {
        const nic = this.text(fields, block, '001', {
          required: true,
          pattern: /^\d{5}$/,
          what: 'NIC de l’établissement',
          line,
        })
        if (nic !== null) this.siret = `${this.siren ?? this.expect.siren ?? ''}${nic}`
        return
      }
      case 'S21.G00.30':
        return this.readIndividual(fields, line)
      case 'S21.G00.40':
        return this.readContract(fields, line)
      case 'S21.G00.51':
      case 'S21.G00.52':
      case 'S21.G00.54':
        return this.readPay(block, fields, line)
      case 'S21.G00.60':
        return this.readStoppage(fields, line)
      case 'S21.G00.62': {
        const endField = fields.get('001')?.value ?? ''
        const endIso = /^\d{8}$/.test(endField)
          ? `${endField.slice(4)}-${endField.slice(2, 4)}-${endField.slice(0, 2)}`
          : '9999-12-31'
        // the end belongs to the person's running contract it follows (a second contract may have begun)
        const contract =
          this.individual!.contracts.filter((c) => !c.end && c.start <= endIso).at(-1) ??
          this.individual!.contracts.at(-1)
        const end = this.date(fields, block, '001', 'date de fin du contrat', line)
        const reason = this.code(
          fields,
          block,
          '002',
          DSN_END_REASONS,
          'motif de la rupture du contrat',
          line
        )
        if (!contract)
          this.fail(
            line,
            `${block}.001`,
            null,
            'fin de contrat sans contrat (S21.G00.40) avant elle'
          )
        else if (end && end < contract.start)
          this.fail(
            fields.get('001')!.line,
            `${block}.001`,
            fields.get('001')!.value,
            'la fin du contrat précède son début'
          )
        else if (end && reason) {
          contract.end = end
          contract.endReason = DSN_END_REASON_MAP[reason]
        }
        return
      }
      case 'S21.G00.81': {
        const amount = this.amount(fields, block, '004', 'montant de cotisation', line)
        if (amount)
          this.individual!.employerContributions =
            this.individual!.employerContributions.plus(amount)
        return
      }
      case 'S90.G00.90': {
        const count = this.text(fields, block, '001', {
          required: true,
          pattern: /^\d{1,9}$/,
          what: 'nombre total de rubriques',
          line,
        })
        if (count !== null)
          this.declaredLines = { count: Number(count), line: fields.get('001')!.line }
        return
      }
    }
  }

  private readIndividual(fields: Fields, line: number) {
    const b = 'S21.G00.30'
    const nir = this.text(fields, b, '001', {
      required: true,
      pattern: /^[12378]\d{4}(2A|2B|\d{2})\d{6}$/,
      what: 'NIR (13 caractères, sans la clé)',
      line,
    })
    const surname = this.text(fields, b, '002', {
      required: true,
      max: 120,
      what: 'nom de famille',
      line,
    })
    const firstNames = this.text(fields, b, '004', {
      required: true,
      max: 200,
      what: 'prénoms',
      line,
    })
    const sex = this.code(fields, b, '005', DSN_SEXES, 'sexe', line)
    const birth = this.date(fields, b, '006', 'date de naissance', line)
    const registry = this.text(fields, b, '019', { max: 20, what: 'matricule', line })
    if (nir && this.individuals.some((i) => i.nir === nir))
      this.fail(fields.get('001')!.line, `${b}.001`, nir, 'ce NIR figure déjà dans la déclaration')
    // An incomplete person is still read (their blocks' own issues are reported); the
    // declaration is refused anyway.
    this.individual = {
      line,
      nir: nir ?? '',
      surname: (surname ?? '').toUpperCase(),
      firstNames: firstNames ?? '',
      sex: sex === '02' ? 'F' : 'H',
      birthDate: birth ?? '',
      registryNumber: registry,
      contracts: [],
      pay: [],
      gross: toMoney(0),
      employerContributions: toMoney(0),
      leaves: [],
    }
    this.individuals.push(this.individual)
  }

  private readContract(fields: Fields, line: number) {
    const b = 'S21.G00.40'
    this.withContracts.add(this.individual!)
    const start = this.date(fields, b, '001', 'date de début du contrat', line)
    const pcs = this.text(fields, b, '004', { required: true, what: 'code PCS-ESE', line })
    const csp = pcs === null ? null : cspOfPcsEse(pcs)
    if (pcs !== null && csp === null)
      this.fail(fields.get('004')!.line, `${b}.004`, pcs, 'code inconnu : PCS-ESE d’un salarié')
    const jobTitle = this.text(fields, b, '006', {
      required: true,
      max: 160,
      what: 'libellé de l’emploi',
      line,
    })
    const nature = this.code(fields, b, '007', DSN_CONTRACT_NATURES, 'nature du contrat', line)
    const scheme = this.code(
      fields,
      b,
      '008',
      DSN_PUBLIC_SCHEMES,
      'dispositif de politique publique',
      line,
      false
    )
    const reference = this.text(fields, b, '012', {
      required: true,
      pattern: /^\d{1,4}(\.\d{1,2})?$/,
      what: 'quotité de la catégorie de référence',
      line,
    })
    const own = this.text(fields, b, '013', {
      required: true,
      pattern: /^\d{1,4}(\.\d{1,2})?$/,
      what: 'quotité de travail du contrat',
      line,
    })
    let share: string | null = null
    if (reference !== null && own !== null) {
      const ratio = toMoney(own).div(toMoney(reference).isZero() ? 1 : reference)
      if (toMoney(reference).isZero() || ratio.lte(0) || ratio.gt('1.0001'))
        this.fail(
          fields.get('013')!.line,
          `${b}.013`,
          own,
          'quotité de travail hors de la catégorie de référence'
        )
      else share = (ratio.gt(1) ? toMoney(1) : ratio).toFixed(4)
    }
    const recourse = this.text(fields, b, '021', {
      pattern: /^\d{2}$/,
      what: 'motif de recours',
      line,
    })
    if (!start || !pcs || !csp || !jobTitle || !nature || share === null) return
    this.individual!.contracts.push({
      line,
      start,
      contractType: dsnContractType(nature, scheme, recourse),
      pcsEse: pcs,
      csp,
      jobTitle,
      share,
      end: null,
      endReason: null,
    })
  }

  private readPay(block: string, fields: Fields, line: number) {
    const labels =
      block === 'S21.G00.51'
        ? DSN_PAY_TYPES
        : block === 'S21.G00.52'
          ? DSN_BONUS_TYPES
          : DSN_OTHER_INCOME_TYPES
    const typeRubric = block === 'S21.G00.51' ? '011' : '001'
    const amountRubric = block === 'S21.G00.51' ? '013' : '002'
    const what =
      block === 'S21.G00.51'
        ? 'type de rémunération'
        : block === 'S21.G00.52'
          ? 'type de prime'
          : 'type d’autre élément de revenu brut'
    const type = this.code(fields, block, typeRubric, labels, what, line)
    const amount = this.amount(fields, block, amountRubric, 'montant', line)
    const bounds = this.monthBounds()
    const [startRubric, endRubric] = block === 'S21.G00.51' ? ['001', '002'] : ['003', '004']
    const start =
      this.date(fields, block, startRubric, 'début de la période', line, block === 'S21.G00.51') ??
      bounds.start
    const end =
      this.date(fields, block, endRubric, 'fin de la période', line, block === 'S21.G00.51') ??
      bounds.end
    if (end < start)
      this.fail(line, `${block}.${endRubric}`, null, 'la fin de la période précède son début')
    if (!type || !amount) return
    if (block === 'S21.G00.51' && type === '001') {
      this.individual!.gross = this.individual!.gross.plus(amount)
      return
    }
    const kind = DSN_PAY_KIND[`${block}:${type}`]
    if (kind && !amount.isZero()) this.individual!.pay.push({ kind, amount, start, end })
  }

  private readStoppage(fields: Fields, line: number) {
    const b = 'S21.G00.60'
    const reason = this.code(fields, b, '001', DSN_STOPPAGE_REASONS, 'motif de l’arrêt', line)
    const lastWorked = this.date(fields, b, '002', 'dernier jour travaillé', line)
    const plannedEnd = this.date(fields, b, '003', 'date de fin prévisionnelle', line)
    const resumption = this.date(fields, b, '010', 'date de reprise', line, false)
    if (!reason || !lastWorked || !plannedEnd) return
    const dayAfter = (iso: string, days: number) => {
      const d = new Date(`${iso}T00:00:00Z`)
      d.setUTCDate(d.getUTCDate() + days)
      return d.toISOString().slice(0, 10)
    }
    const start = dayAfter(lastWorked, 1)
    const end = resumption ? dayAfter(resumption, -1) : plannedEnd
    if (end < start) {
      this.fail(
        fields.get('003')!.line,
        `${b}.003`,
        fields.get('003')!.value,
        'la fin de l’arrêt précède son début'
      )
      return
    }
    const kind = DSN_LEAVE_KIND[reason]
    if (kind) this.individual!.leaves.push({ kind, start, end })
  }
}

function decodeLine(bytes: Buffer) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The norm's files are in ISO 8859-1; UTF-8 is accepted too.
    return bytes.toString('latin1')
  }
}

async function* lines(path: string) {
  let rest = Buffer.alloc(0)
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    let data = Buffer.concat([rest, chunk as Buffer])
    let at = data.indexOf(10)
    while (at >= 0) {
      yield decodeLine(data.subarray(0, at)).replace(/\r$/, '')
      data = data.subarray(at + 1)
      at = data.indexOf(10)
    }
    if (data.length > MAX_LINE * 4) {
      yield decodeLine(data.subarray(0, MAX_LINE * 4))
      data = Buffer.alloc(0)
    }
    rest = data
  }
  if (rest.length) yield decodeLine(rest).replace(/\r$/, '')
}

export async function parseDsn(
  path: string,
  size: number,
  expect: DsnExpectations
): Promise<{ declaration: DsnDeclaration | null; issues: DsnIssue[] }> {
  const reader = new DsnReader(expect)
  if (size > MAX_BYTES) {
    reader.fail(null, null, null, `fichier trop volumineux (${MAX_BYTES / 1024 / 1024} Mo au plus)`)
    return { declaration: null, issues: reader.issues }
  }
  let number = 0
  let block: string | null = null
  let lastRubric = ''
  let fields: Fields = new Map()
  let blockLine = 0
  const finish = () => {
    if (block) reader.close(block, fields, blockLine)
  }
  for await (const text of lines(path)) {
    number++
    if (text.trim() === '') continue
    const match = text.length <= MAX_LINE ? LINE.exec(text) : null
    if (!match) {
      reader.fail(number, null, text.slice(0, 60), "ligne mal formée (rubrique,'valeur' attendu)")
      if (reader.issues.length >= MAX_ISSUES) break
      continue
    }
    const [, rubric, value] = match
    const current = rubric.slice(0, 10)
    const position = rubric.slice(11)
    if (!KNOWN_BLOCKS.has(current)) {
      reader.fail(number, rubric, value, 'bloc inconnu de la norme NEODeS')
      continue
    }
    const restart = position === '001' && repeats(current)
    const inOrder =
      block === null
        ? current === 'S10.G00.00'
        : current === block
          ? position > lastRubric || restart
          : orderOf(current) > orderOf(block) || (restart && personal(current) && personal(block))
    if (!inOrder) {
      reader.fail(
        number,
        rubric,
        value,
        block === null
          ? 'le fichier doit commencer par le bloc S10.G00.00'
          : `rubrique hors de l’ordre de la norme (après ${block}.${lastRubric})`
      )
      if (reader.issues.length >= MAX_ISSUES) break
      continue
    }
    if (current !== block || (restart && position <= lastRubric)) {
      finish()
      block = current
      fields = new Map()
      blockLine = number
    }
    fields.set(position, { value, line: number })
    lastRubric = position
  }
  finish()
  for (const required of REQUIRED_BLOCKS)
    if (!reader.seen.has(required))
      reader.fail(null, `${required}.001`, null, 'bloc obligatoire absent de la déclaration')
  if (reader.declaredLines && reader.declaredLines.count !== number)
    reader.fail(
      reader.declaredLines.line,
      'S90.G00.90.001',
      String(reader.declaredLines.count),
      `nombre de rubriques annoncé différent du fichier (${number} lignes)`
    )
  for (const person of reader.individuals)
    if (!reader.withContracts.has(person))
      reader.fail(person.line, 'S21.G00.40.001', null, 'salarié sans contrat (bloc S21.G00.40)')
  const { issues, type, month, siren, siret } = reader
  if (issues.length || !type || !month || !siren || !siret)
    return {
      declaration: null,
      issues: issues.length
        ? issues
        : [{ line: null, rubric: null, value: null, message: 'déclaration incomplète' }],
    }
  return {
    declaration: {
      type,
      month,
      siren,
      siret,
      individuals: reader.individuals,
      grossTotal: sumMoney(reader.individuals.map((i) => i.gross)),
      contributionsTotal: sumMoney(reader.individuals.map((i) => i.employerContributions)),
      lines: number,
    },
    issues: [],
  }
}
