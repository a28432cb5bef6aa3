/**
 * The demo staff of the 2023 report, built backwards from its tables: each person's career is
 * chosen so that the register, read by the reports, gives the printed headcounts, hires,
 * departures, seniority, emploi repère and training tables. Pure data (no database): the
 * seeder step in hr.ts writes it. Deterministic (seeded PRNG).
 *
 * Population at 31/12/2023 (excluding replacement CDDs): 139 "stayers" already there on
 * 31/12/2022, 21 hired in 2023 and still there, 6 work-study contracts. Left in 2023: 23 of
 * the 2022 staff and 6 of the 2023 hires. Gone in 2022: 15 people.
 */

import type { ContractType, Sex } from '#vocabulary/hr'

export type { ContractType, Sex }

export interface PlanContract {
  type: ContractType
  start: string
  end: string | null
  endReason: string | null
  job: string
  share: number
  site: string
}

export interface PlanPerson {
  key: number
  sex: Sex
  surname: string
  firstNames: string
  birth: string
  nationality: string
  workPermit: { type: string; number: string } | null
  contracts: PlanContract[]
  salaries: Array<{ date: string; kind: 'hire' | 'raise' | 'promotion'; amount: number }>
  leaves: Array<{ start: string; end: string }>
  training: Array<{ year: number; date: string; days: number; action: string }>
  /** internal bookkeeping */
  role: string
}

export const JOBS: Array<{ code: string; label: string; csp: string; base: number }> = [
  { code: 'directeur', label: 'Directeur-trice', csp: 'cadre', base: 58000 },
  { code: 'resp_secteur', label: 'Responsable de secteur', csp: 'cadre', base: 40500 },
  { code: 'rrh', label: 'Responsable RH', csp: 'cadre', base: 42000 },
  { code: 'charge_projet', label: 'Chargé-e de projet', csp: 'tam', base: 31000 },
  { code: 'cisp', label: 'CISP', csp: 'tam', base: 26800 },
  { code: 'animation_accueil', label: 'Chargé-e animation & accueil', csp: 'employe', base: 23800 },
  { code: 'assistant_direction', label: 'Assistant-e de direction', csp: 'employe', base: 26000 },
  { code: 'assistant_admin', label: 'Assistant-e administratif-ive', csp: 'employe', base: 23000 },
  {
    code: 'hors_classification',
    label: 'Métiers hors classification',
    csp: 'employe',
    base: 23500,
  },
]

const TITLES: Record<string, string> = {
  directeur: 'Directrice',
  resp_secteur: 'Responsable de secteur',
  rrh: 'Responsable des ressources humaines',
  charge_projet: 'Chargé(e) de projet',
  cisp: 'Conseiller(ère) en insertion sociale et professionnelle',
  animation_accueil: "Chargé(e) d'accueil et d'animation",
  assistant_direction: 'Assistant(e) de direction',
  assistant_admin: 'Assistant(e) administratif(ve)',
  hors_classification: 'Agent(e) hors classification',
}
export const jobTitle = (code: string) => TITLES[code]

const SITES = ['Siège', 'Antenne Nord', 'Antenne Sud', 'Antenne Est', 'Antenne Ouest']
const SURNAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefevre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guerin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
]
const FIRST_F = [
  'Marie',
  'Nathalie',
  'Isabelle',
  'Sylvie',
  'Catherine',
  'Sandrine',
  'Céline',
  'Julie',
  'Aurélie',
  'Émilie',
  'Camille',
  'Laura',
  'Sarah',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Amina',
  'Fatou',
  'Sophie',
  'Claire',
  'Anne',
  'Valérie',
  'Karine',
  'Élodie',
]
const FIRST_H = [
  'Nicolas',
  'Julien',
  'Thomas',
  'Mehdi',
  'Karim',
  'Stéphane',
  'David',
  'Laurent',
  'Olivier',
  'Antoine',
  'Hugo',
  'Lucas',
  'Yanis',
  'Moussa',
  'Pierre',
  'Romain',
  'Sébastien',
  'Éric',
]

// ---- dates (calendar days as UTC) ----
const DAY = 86_400_000
export const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY
export const toIso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}
const minus1 = (iso: string) => toIso(toDay(iso) - 1)

export function seniorityAt(person: PlanPerson, iso: string): number | null {
  const day = toDay(iso)
  const live = person.contracts.filter((c) => c.type !== 'cdd_remplacement')
  const current = live.find((c) => toDay(c.start) <= day && (c.end === null || toDay(c.end) >= day))
  if (!current) return null
  // walk back through contiguous contracts
  const sorted = [...person.contracts].sort((a, b) => toDay(a.start) - toDay(b.start))
  let index = sorted.indexOf(current)
  while (
    index > 0 &&
    sorted[index - 1].end &&
    toDay(sorted[index - 1].end!) + 1 >= toDay(sorted[index].start)
  )
    index--
  return (day - toDay(sorted[index].start)) / 365.25
}

export function contractAt(person: PlanPerson, iso: string) {
  const day = toDay(iso)
  return person.contracts.find(
    (c) => toDay(c.start) <= day && (c.end === null || toDay(c.end) >= day)
  )
}

function mulberry32(seed: number) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Small male premium among technicians; with the best-paid project officer (a man over 50, premium
 * 1.42) it gives indicator 1 a 2.7 % gap after the 5-point threshold: 37/40 (see the equality test). */
export const TAM_MALE_PREMIUM = 0.015

export function buildHrPlan(): PlanPerson[] {
  const rand = mulberry32(20231231)
  const between = (from: string, to: string) =>
    toIso(toDay(from) + Math.floor(rand() * (toDay(to) - toDay(from) + 1)))
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]
  const shuffle = <T>(list: T[]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[list[i], list[j]] = [list[j], list[i]]
    }
    return list
  }
  const people: PlanPerson[] = []
  const person = (sex: Sex, role: string): PlanPerson => {
    const p: PlanPerson = {
      key: people.length + 1,
      sex,
      surname: `${pick(SURNAMES)}${people.length % 7 === 0 ? '-' + pick(SURNAMES) : ''}`,
      firstNames: sex === 'F' ? pick(FIRST_F) : pick(FIRST_H),
      birth: '',
      nationality: 'française',
      workPermit: null,
      contracts: [],
      salaries: [],
      leaves: [],
      training: [],
      role,
    }
    people.push(p)
    return p
  }
  const site = () => pick(SITES)
  const c = (
    type: ContractType,
    start: string,
    end: string | null,
    endReason: string | null,
    job = 'cisp',
    share = 1
  ): PlanContract => ({
    type,
    start,
    end,
    endReason,
    job,
    share,
    site: site(),
  })
  /** A career: optional first CDD, then CDI from `cdiStart` to `end`. */
  const career = (
    p: PlanPerson,
    spellStart: string,
    end: string | null,
    reason: string | null,
    cddFirst: boolean
  ) => {
    if (cddFirst) {
      const cdiStart = addMonths(spellStart, 6 + Math.floor(rand() * 7))
      p.contracts.push(c('cdd', spellStart, minus1(cdiStart), 'fin_cdd'))
      p.contracts.push(c('cdi', cdiStart, end, reason))
    } else {
      p.contracts.push(c('cdi', spellStart, end, reason))
    }
  }

  // ---- stayers: on the staff at 31/12/2022 and 31/12/2023 ----
  const bands: Array<[string, string, number, number]> = [
    ['2019-01-10', '2020-12-15', 16, 5],
    ['2014-01-10', '2018-12-15', 22, 8],
    ['2004-01-10', '2013-12-15', 10, 3],
    ['1990-01-08', '2003-12-15', 11, 4],
  ]
  for (const [from, to, f, h] of bands) {
    for (const sex of [...Array(f).fill('F'), ...Array(h).fill('H')] as Sex[]) {
      const p = person(sex, `stayer:${from.slice(0, 4)}`)
      career(p, between(from, to), null, null, rand() < 0.5)
    }
  }
  // hired in 2021 (34: F24 H10); one woman still on a CDD at 31/12/2022, made permanent in 2023
  for (let i = 0; i < 34; i++) {
    const p = person(i < 23 ? 'F' : 'H', 'stayer:2021')
    if (i === 0) {
      p.contracts.push(c('cdd', '2021-11-15', '2023-02-28', 'fin_cdd'))
      p.contracts.push(c('cdi', '2023-03-01', null, null))
    } else {
      career(p, between('2021-01-11', '2021-12-13'), null, null, rand() < 0.6)
    }
  }
  // hired in 2022: 3 CDI (F2 H1), 23 CDD (F19 H4) of which 15 made permanent in 2023 (F13 H2)
  for (const sex of ['F', 'F', 'H'] as Sex[]) {
    person(sex, 'stayer:2022cdi').contracts.push(
      c('cdi', between('2022-02-01', '2022-11-30'), null, null)
    )
  }
  for (let i = 0; i < 23; i++) {
    const sex: Sex = i < 19 ? 'F' : 'H'
    const converted = i < 13 || (i >= 19 && i < 21)
    const p = person(sex, converted ? 'stayer:2022conv' : 'stayer:2022cdd')
    if (converted) {
      const start = between('2022-01-10', '2022-12-01')
      const cdi = between('2023-01-09', '2023-04-28')
      p.contracts.push(c('cdd', start, minus1(cdi), 'fin_cdd'))
      p.contracts.push(c('cdi', cdi, null, null))
    } else {
      const start = between('2022-07-04', '2022-12-01')
      p.contracts.push(c('cdd', start, minus1(addMonths(start, 18)), 'fin_cdd'))
    }
  }

  // ---- hired in 2023 and still there: CDI F9 H3, CDD F4 H5 ----
  for (const [type, sex, n] of [
    ['cdi', 'F', 9],
    ['cdi', 'H', 3],
    ['cdd', 'F', 4],
    ['cdd', 'H', 5],
  ] as Array<[ContractType, Sex, number]>) {
    for (let i = 0; i < n; i++) {
      const p = person(sex, `new2023:${type}`)
      const start = between('2023-01-09', '2023-09-15')
      p.contracts.push(
        c(
          type,
          start,
          type === 'cdi' ? null : minus1(addMonths(start, 12 + Math.floor(rand() * 6))),
          type === 'cdi' ? null : 'fin_cdd'
        )
      )
    }
  }
  // ---- hired in 2023 and gone in 2023: 4 F and 1 H at the end of a CDD, 1 F at the end of a trial period ----
  for (const sex of ['F', 'F', 'F', 'F', 'H'] as Sex[]) {
    const p = person(sex, 'hired-left2023')
    const start = between('2023-01-09', '2023-05-15')
    p.contracts.push(
      c('cdd', start, minus1(addMonths(start, 3 + Math.floor(rand() * 4))), 'fin_cdd')
    )
  }
  {
    const p = person('F', 'hired-left2023')
    p.contracts.push(c('cdi', '2023-04-03', '2023-05-19', 'fin_periode_essai'))
  }

  // ---- on the staff at 31/12/2022, gone in 2023 ----
  const leaves2023: Array<[string, Sex, number]> = [
    ['demission', 'F', 5],
    ['demission', 'H', 1],
    ['rupture_conventionnelle', 'F', 3],
    ['rupture_conventionnelle', 'H', 1],
    ['licenciement', 'H', 1],
    ['retraite', 'F', 2],
  ]
  for (const [reason, sex, n] of leaves2023) {
    for (let i = 0; i < n; i++) {
      const p = person(sex, `left2023:${reason}`)
      const spell =
        reason === 'retraite'
          ? between('1991-01-07', '1999-12-15')
          : between('2015-01-05', '2021-06-30')
      career(p, spell, between('2023-01-31', '2023-11-30'), reason, rand() < 0.4)
    }
  }
  for (let i = 0; i < 10; i++) {
    const p = person(i < 9 ? 'F' : 'H', 'left2023:fin_cdd')
    const start = between('2022-03-01', '2022-10-31')
    const end = minus1(addMonths(start, 12 + Math.floor(rand() * 6)))
    p.contracts.push(
      c(
        'cdd',
        start,
        end < '2023-01-02' ? '2023-01-31' : end > '2023-11-30' ? '2023-11-30' : end,
        'fin_cdd'
      )
    )
  }

  // ---- gone in 2022 ----
  for (const [reason, sex] of [
    ['demission', 'F'],
    ['demission', 'H'],
    ['rupture_conventionnelle', 'F'],
    ['rupture_conventionnelle', 'F'],
    ['rupture_conventionnelle', 'H'],
  ] as Array<[string, Sex]>) {
    const p = person(sex, 'left2022')
    career(
      p,
      between('2012-01-09', '2019-12-16'),
      between('2022-02-28', '2022-11-30'),
      reason,
      rand() < 0.4
    )
  }
  for (let i = 0; i < 10; i++) {
    const p = person(i < 8 ? (i < 6 ? 'F' : 'H') : 'F', 'left2022')
    const start = i < 8 ? between('2022-01-10', '2022-05-31') : between('2021-03-01', '2021-09-30')
    p.contracts.push(
      c('cdd', start, minus1(addMonths(start, i < 8 ? 4 + Math.floor(rand() * 3) : 14)), 'fin_cdd')
    )
  }

  // ---- work-study ----
  const ws: Array<[Sex, ContractType, string, string, string | null, string]> = [
    ['F', 'professionnalisation', '2022-09-01', '2023-08-31', 'fin_cdd', 'assistant_admin'],
    ['F', 'professionnalisation', '2023-09-04', '2024-09-03', null, 'animation_accueil'],
    ['F', 'apprentissage', '2021-09-01', '2024-08-31', null, 'cisp'],
    ['F', 'apprentissage', '2022-09-01', '2024-08-31', null, 'hors_classification'],
    ['F', 'apprentissage', '2023-09-04', '2025-08-31', null, 'hors_classification'],
    ['H', 'apprentissage', '2021-09-06', '2024-08-30', null, 'hors_classification'],
    ['H', 'apprentissage', '2022-09-05', '2024-08-30', null, 'hors_classification'],
  ]
  for (const [sex, type, start, end, reason, job] of ws) {
    const p = person(sex, `ws:${type}`)
    // a contract whose end is in the future still has its planned end date
    p.contracts.push(c(type, start, end, end ? (reason ?? 'fin_cdd') : null, job))
  }

  // ---- replacement CDDs (outside every bilan social table) ----
  for (const [start, end] of [
    ['2022-11-14', '2023-02-28'],
    ['2023-03-01', '2023-07-31'],
    ['2023-10-02', '2024-03-29'],
  ]) {
    person('F', 'remplacement').contracts.push(c('cdd_remplacement', start, end, 'fin_cdd'))
  }

  tuneSeniority(people)
  assignJobs(people, rand, shuffle)
  assignTraining(people, rand, shuffle)
  assignAges(people, rand)
  assignSalaries(people, rand)
  for (const p of people) {
    if (p.key % 23 === 0) {
      p.nationality = 'algérienne'
      p.workPermit = {
        type: 'Carte de séjour pluriannuelle',
        number: `75${String(100000 + p.key * 37)}`,
      }
    }
  }
  return people
}

// ----- seniority: shift spell starts within their band to hit the printed averages -----
const END23 = '2023-12-31'
const END22 = '2022-12-31'

function sumSeniority(people: PlanPerson[], sex: Sex, iso: string) {
  let total = 0
  for (const p of people) {
    if (p.sex !== sex) continue
    const s = seniorityAt(p, iso)
    if (s !== null && contractAt(p, iso)?.type !== 'cdd_remplacement') total += s
  }
  return total
}

function shiftStart(p: PlanPerson, days: number, min: string, max: string) {
  const first = p.contracts[0]
  const latest = Math.min(toDay(max), first.end ? toDay(first.end) - 60 : toDay(max))
  const start = Math.min(Math.max(toDay(first.start) - days, toDay(min)), latest)
  const delta = start - toDay(first.start)
  if (delta === 0) return 0
  first.start = toIso(start)
  if (first.end && toDay(first.end) < start + 30) {
    throw new Error('tuning broke a contract')
  }
  return -delta
}

/** Targets inside the printed rounding intervals, both for each sex and for the total. */
export const SENIORITY_TARGETS = { F23: 904, H23: 304, F22: 860, H22: 281 }

function tuneSeniority(people: PlanPerson[]) {
  const movable = (p: PlanPerson, prefix: string) => p.role.startsWith(prefix)
  const groups: Array<[Sex, string, number, string[]]> = [
    ['F', END23, SENIORITY_TARGETS.F23, ['stayer:2004', 'stayer:1990', 'stayer:2014']],
    ['H', END23, SENIORITY_TARGETS.H23, ['stayer:2004', 'stayer:1990', 'stayer:2014']],
    [
      'F',
      END22,
      SENIORITY_TARGETS.F22,
      ['left2023:demission', 'left2023:rupture', 'left2023:retraite'],
    ],
    [
      'H',
      END22,
      SENIORITY_TARGETS.H22,
      ['left2023:demission', 'left2023:rupture', 'left2023:licenciement'],
    ],
  ]
  const bounds: Record<string, [string, string]> = {
    'stayer:2004': ['2004-01-10', '2013-12-15'],
    'stayer:1990': ['1988-01-04', '2003-12-15'],
    'stayer:2014': ['2014-01-10', '2018-12-15'],
    'left2023:demission': ['2012-01-09', '2021-06-30'],
    'left2023:rupture': ['2012-01-09', '2021-06-30'],
    'left2023:licenciement': ['2012-01-09', '2021-06-30'],
    'left2023:retraite': ['1986-01-06', '2000-12-15'],
  }
  for (const [sex, iso, target, prefixes] of groups) {
    for (let round = 0; round < 60; round++) {
      const diff = target - sumSeniority(people, sex, iso)
      if (Math.abs(diff) < 0.05) break
      const candidates = people.filter((p) => p.sex === sex && prefixes.some((x) => movable(p, x)))
      const perPerson = Math.round((diff * 365.25) / candidates.length) || Math.sign(diff)
      let moved = 0
      for (const p of candidates) {
        const prefix = prefixes.find((x) => movable(p, x))!
        const [min, max] = bounds[prefix]
        moved += shiftStart(p, perPerson, min, max)
        if (Math.abs(perPerson) === 1 && moved !== 0) break
      }
      if (moved === 0) throw new Error(`seniority target ${sex} ${iso} unreachable (${diff})`)
    }
  }
}

// ----- emploi repère: managers are the most senior; CDD staff are advisers -----
const JOB_TARGETS: Record<Sex, Array<[string, number]>> = {
  F: [
    ['directeur', 1],
    ['resp_secteur', 5],
    ['rrh', 1],
    ['assistant_direction', 1],
    ['charge_projet', 7],
    ['assistant_admin', 8],
    ['animation_accueil', 3],
    ['hors_classification', 18],
    ['cisp', 72],
  ],
  H: [
    ['resp_secteur', 2],
    ['charge_projet', 4],
    ['assistant_admin', 4],
    ['animation_accueil', 2],
    ['hors_classification', 14],
    ['cisp', 18],
  ],
}

function setJob(p: PlanPerson, job: string) {
  for (const contract of p.contracts) contract.job = job
}

function assignJobs(people: PlanPerson[], rand: () => number, shuffle: <T>(l: T[]) => T[]) {
  for (const sex of ['F', 'H'] as Sex[]) {
    const present = people.filter(
      (p) => p.sex === sex && ['cdi', 'cdd'].includes(contractAt(p, END23)?.type ?? '')
    )
    const cdd = present.filter((p) => contractAt(p, END23)!.type === 'cdd')
    const cdi = present
      .filter((p) => contractAt(p, END23)!.type === 'cdi')
      .sort((a, b) => seniorityAt(b, END23)! - seniorityAt(a, END23)!)
    const remaining = new Map(JOB_TARGETS[sex])
    const take = (job: string, person: PlanPerson) => {
      setJob(person, job)
      remaining.set(job, remaining.get(job)! - 1)
    }
    if (sex === 'F') {
      cdd.forEach((p) => take('cisp', p))
    } else {
      cdd.forEach((p, i) => take(i < 4 ? 'hors_classification' : 'cisp', p))
    }
    const seniorJobs =
      sex === 'F' ? ['directeur', 'resp_secteur', 'rrh', 'assistant_direction'] : ['resp_secteur']
    let index = 0
    for (const job of seniorJobs) {
      while (remaining.get(job)! > 0) take(job, cdi[index++])
    }
    // one senior man is a project officer among the ten best paid
    if (sex === 'H') {
      take('charge_projet', cdi[index++])
      cdi[index - 1].role += ':top'
    }
    const rest = shuffle(cdi.slice(index))
    const pool: string[] = []
    for (const [job, n] of remaining) for (let i = 0; i < n; i++) pool.push(job)
    if (pool.length !== rest.length)
      throw new Error(
        `job pool mismatch ${sex} ${pool.length} ${rest.length} cdd ${cdd.length} cdi ${cdi.length}`
      )
    rest.forEach((p, i) => take(pool[i], p))
  }
  for (const p of people) {
    if (p.role.startsWith('left') || p.role.startsWith('hired-left') || p.role === 'remplacement') {
      setJob(
        p,
        rand() < 0.7
          ? 'cisp'
          : pick2(rand, ['assistant_admin', 'animation_accueil', 'hors_classification'])
      )
    }
  }
}
const pick2 = <T>(rand: () => number, list: T[]) => list[Math.floor(rand() * list.length)]

// ----- training: days per (sex, job, contract) cell as printed; 2022 by contract and age -----
const TRAINING_2023: Array<[Sex, string, 'cdi' | 'cdd' | 'alt', number, number]> = [
  // sex, job, contract group, people trained, days
  ['F', 'resp_secteur', 'cdi', 5, 36.5],
  ['F', 'rrh', 'cdi', 1, 5.5],
  ['F', 'charge_projet', 'cdi', 7, 18],
  ['F', 'cisp', 'cdi', 58, 233],
  ['F', 'cisp', 'cdd', 6, 29],
  ['F', 'animation_accueil', 'cdi', 3, 10],
  ['F', 'assistant_admin', 'cdi', 8, 56],
  ['F', 'assistant_direction', 'cdi', 1, 4],
  ['F', 'hors_classification', 'cdi', 8, 8.5],
  ['F', 'cisp', 'alt', 1, 75],
  ['F', 'hors_classification', 'alt', 2, 120],
  ['F', 'animation_accueil', 'alt', 1, 55],
  ['H', 'resp_secteur', 'cdi', 2, 11],
  ['H', 'charge_projet', 'cdi', 4, 6],
  ['H', 'cisp', 'cdi', 14, 65.5],
  ['H', 'animation_accueil', 'cdi', 2, 4],
  ['H', 'assistant_admin', 'cdi', 1, 2],
  ['H', 'hors_classification', 'cdi', 8, 95],
  ['H', 'hors_classification', 'cdd', 3, 20],
]

const ACTIONS: Record<string, string> = {
  directeur: 'Pilotage stratégique d’une Mission Locale',
  resp_secteur: 'Management d’équipe et conduite du changement',
  rrh: 'Actualité du droit social',
  charge_projet: 'Ingénierie de projet et financements européens',
  cisp: 'Accompagnement des jeunes : CEJ et posture professionnelle',
  animation_accueil: 'Accueil et animation de collectifs',
  assistant_admin: 'Outils bureautiques et gestion administrative',
  assistant_direction: 'Organisation et gestion de l’agenda de direction',
  hors_classification: 'Sécurité, prévention et outils métiers',
  alt: 'Formation en alternance (centre de formation)',
}
export const trainingActions = ACTIONS

const group = (type: string | undefined) =>
  type === 'cdi'
    ? 'cdi'
    : type === 'cdd'
      ? 'cdd'
      : type === 'apprentissage' || type === 'professionnalisation'
        ? 'alt'
        : 'other'

function split(total: number, n: number): number[] {
  const halves = Math.round(total * 2)
  const base = Math.floor(halves / n)
  return Array.from({ length: n }, (_, i) => (base + (i < halves - base * n ? 1 : 0)) / 2)
}

function sessionDate(p: PlanPerson, year: number, rand: () => number) {
  const contract = contractAt(p, `${year}-12-31`)!
  const from = Math.max(
    toDay(contract.start) + 20,
    toDay(year === 2023 ? '2023-05-02' : '2022-11-02')
  )
  const to = toDay(`${year}-12-15`)
  return toIso(from + Math.floor(rand() * Math.max(1, to - from)))
}

function assignTraining(people: PlanPerson[], rand: () => number, shuffle: <T>(l: T[]) => T[]) {
  for (const [sex, job, g, n, days] of TRAINING_2023) {
    const cell = shuffle(
      people.filter((p) => {
        const contract = contractAt(p, END23)
        return p.sex === sex && contract?.job === job && group(contract.type) === g
      })
    )
    if (cell.length < n) throw new Error(`training cell ${sex} ${job} ${g}: ${cell.length} < ${n}`)
    const amounts = split(days, n)
    cell.slice(0, n).forEach((p, i) =>
      p.training.push({
        year: 2023,
        date: sessionDate(p, 2023, rand),
        days: amounts[i],
        action: g === 'alt' ? 'alt' : job,
      })
    )
  }
}

// ----- ages: trained people by printed age bands (most senior are the oldest) -----
const TRAINED_AGE_2023: Record<Sex, number[]> = { F: [26, 30, 26, 15], H: [8, 14, 9, 3] }
// age bands: [min, max] at 31/12 of the year
const AGE_BANDS: Array<[number, number]> = [
  [26, 35],
  [36, 45],
  [46, 55],
  [56, 63],
]
const TRAINED_AGE_2022 = [2, 31, 39, 35, 6]

function birthFor(age: number, iso: string, rand: () => number) {
  // age `age` on `iso`: born between iso - (age+1) years + 1 day and iso - age years
  const year = Number(iso.slice(0, 4)) - age - 1
  return toIso(toDay(`${year}${iso.slice(4)}`) + 1 + Math.floor(rand() * 364))
}

function assignAges(people: PlanPerson[], rand: () => number) {
  const randInt = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1))
  for (const sex of ['F', 'H'] as Sex[]) {
    const trained = people
      .filter(
        (p) => p.sex === sex && p.training.some((t) => t.year === 2023) && !p.role.startsWith('ws')
      )
      .sort((a, b) => seniorityAt(b, END23)! - seniorityAt(a, END23)!)
    const counts = TRAINED_AGE_2023[sex]
    let index = 0
    for (let band = 3; band >= 0; band--) {
      for (let i = 0; i < counts[band]; i++) {
        const p = trained[index++]
        const [min, max] = AGE_BANDS[band]
        const floor = Math.min(max, Math.max(min, Math.ceil(seniorityAt(p, END23)!) + 22))
        p.birth = birthFor(randInt(floor, max), END23, rand)
      }
    }
    if (index !== trained.length) throw new Error(`trained ${sex}: ${trained.length} vs ${index}`)
  }
  for (const p of people) {
    if (p.birth) continue
    if (p.role.startsWith('ws')) {
      p.birth = birthFor(randInt(19, 23), p.contracts[0].start, rand)
      continue
    }
    const first = p.contracts[0].start
    const last = p.contracts[p.contracts.length - 1]
    if (p.role === 'left2023:retraite') {
      p.birth = birthFor(randInt(62, 64), last.end!, rand)
      continue
    }
    // 22 to 40 at the start of the first contract, never past 63 at the end of 2023
    const ageAtStart = randInt(22, 40)
    const birthYear = Math.max(Number(first.slice(0, 4)) - ageAtStart, 1961)
    p.birth = toIso(toDay(`${birthYear}-01-01`) + Math.floor(rand() * 364))
    if (p.training.length === 0 && contractAt(p, END23) && ageOn(p.birth, END23) < 26) {
      // untrained staff are at least 26 on 31/12/2023 (the printed under-25 count is 4 women in work-study)
      p.birth = birthFor(randInt(26, 30), END23, rand)
    }
  }
  // 2022: choose trainees by age band on 31/12/2022 among staff present on 01/11 and 31/12/2022
  const present22 = people.filter((p) => {
    const a = contractAt(p, '2022-11-01')
    const b = contractAt(p, END22)
    return a && b && a === b && a.type !== 'cdd_remplacement'
  })
  const alt = present22.filter(
    (p) =>
      group(contractAt(p, END22)!.type) === 'alt' && p.sex === 'F' && p.role === 'ws:apprentissage'
  )
  alt.forEach((p) => p.training.push({ year: 2022, date: '2022-12-05', days: 124, action: 'alt' }))
  const bands22: Array<[number, number]> = [[0, 25], ...AGE_BANDS.slice(0, 3), [56, 70]]
  const chosen: PlanPerson[] = []
  for (let band = 1; band < 5; band++) {
    const [min, max] = bands22[band]
    const pool = present22
      .filter((p) => group(contractAt(p, END22)!.type) !== 'alt')
      .filter((p) => ageOn(p.birth, END22) >= min && ageOn(p.birth, END22) <= max)
      // CDD staff first so that CDD days exist
      .sort(
        (a, b) =>
          (contractAt(a, END22)!.type === 'cdd' ? 0 : 1) -
            (contractAt(b, END22)!.type === 'cdd' ? 0 : 1) || a.key - b.key
      )
    if (pool.length < TRAINED_AGE_2022[band])
      throw new Error(`2022 age band ${band}: ${pool.length}`)
    chosen.push(...pool.slice(0, TRAINED_AGE_2022[band]))
  }
  if (alt.length !== TRAINED_AGE_2022[0]) throw new Error(`2022 alternance trainees: ${alt.length}`)
  for (const [type, total] of [
    ['cdi', 741],
    ['cdd', 154],
  ] as Array<[string, number]>) {
    const group22 = chosen.filter((p) => contractAt(p, END22)!.type === type)
    const amounts = split(total, group22.length)
    group22.forEach((p, i) => {
      const job = contractAt(p, END22)!.job
      p.training.push({ year: 2022, date: '2022-12-05', days: amounts[i], action: job })
    })
  }
}

export function ageOn(birth: string, iso: string) {
  let age = Number(iso.slice(0, 4)) - Number(birth.slice(0, 4))
  if (iso.slice(5) < birth.slice(5)) age--
  return age
}

// ----- salaries, raises and maternity leaves (equality index 2023: 92/100) -----
function assignSalaries(people: PlanPerson[], rand: () => number) {
  const jobBase = new Map(JOBS.map((j) => [j.code, j]))
  const round = (x: number) => Math.round(x / 10) * 10
  const mothers = people
    .filter(
      (p) =>
        p.sex === 'F' && p.role.startsWith('stayer:2014') && contractAt(p, END23)?.job === 'cisp'
    )
    .slice(0, 3)
  const leaveWindows: Array<[string, string]> = [
    ['2022-12-01', '2023-03-22'],
    ['2023-02-06', '2023-05-28'],
    ['2023-06-05', '2023-09-24'],
  ]
  mothers.forEach((p, i) => p.leaves.push({ start: leaveWindows[i][0], end: leaveWindows[i][1] }))
  let raiseCounter = 0
  for (const p of people) {
    const last = p.contracts[p.contracts.length - 1]
    const job = jobBase.get(last.job)!
    const spellStart = p.contracts[0].start
    const endDay = last.end && last.end < END23 ? last.end : END23
    const years = Math.max(0, (toDay(endDay) - toDay(spellStart)) / 365.25)
    let premium = 1
    if (job.csp === 'tam' && p.sex === 'H') premium += TAM_MALE_PREMIUM
    if (p.role.endsWith(':top')) premium = 1.42
    const wsFactor = group(last.type) === 'alt' ? 0.62 : 1
    const final =
      job.base * (1 + 0.008 * Math.min(years, 25)) * premium * wsFactor * (0.985 + rand() * 0.03)
    // salary path: hire, a raise every four years or so, 2023 raises for about 30 % of staff
    const raised2023 = p.leaves.length > 0 || raiseCounter++ % 10 < 3
    const events: Array<{ date: string; kind: 'hire' | 'raise' | 'promotion'; amount: number }> = []
    let amount = final / Math.pow(1.012, years)
    events.push({ date: spellStart, kind: 'hire', amount: round(amount) })
    const firstYear = Number(spellStart.slice(0, 4))
    for (let year = firstYear + 4; year < 2023; year += 4) {
      amount = amount * 1.048
      events.push({ date: `${year}-01-01`, kind: 'raise', amount: round(amount) })
    }
    if (
      raised2023 &&
      toDay(endDay) - toDay('2023-01-01') > 60 &&
      toDay(spellStart) < toDay('2023-01-01')
    ) {
      const leave = p.leaves[0]
      let date = leave
        ? toIso(toDay(leave.end) + 14)
        : `2023-${String(2 + (raiseCounter % 10)).padStart(2, '0')}-01`
      if (date > endDay) date = '2023-02-01'
      events.push({
        date,
        kind: p.role.includes('stayer:1990') ? 'promotion' : 'raise',
        amount: round(final),
      })
    } else {
      events[events.length - 1].amount = round(
        Math.max(events[events.length - 1].amount, final * 0.99)
      )
    }
    p.salaries = events
  }
}
