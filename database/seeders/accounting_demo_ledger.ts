import {
  detailsOf,
  type Rapport2023,
  type ReportLine,
  type ReportStatement,
} from '#database/seeders/demo'

/**
 * Builds, in memory and deterministically (seeded PRNG), the demo ledger of the 2023 annual
 * report: a summarised 2022 year (opening balances and monthly totals), the 2023 à-nouveaux,
 * the allocation of the 2022 result, and a detailed 2023 year (monthly payroll per employee,
 * supplier invoices and payments, grants notified and received, depreciation, provisions,
 * fonds dédiés, accruals, prepaid income) whose statements reproduce the printed 2023
 * compte de résultat and bilan to the euro.
 *
 * Every figure is computed from the report (app/reference/rapport-2023.json). The printed
 * figures are rounded to the euro and some printed totals differ from the sum of their printed
 * lines; CENTS gives each underlying amount a cents part (|x| < 0,50 €, so each line still
 * rounds to its printed figure) chosen so that the true sums also round to the printed totals
 * and the bilan balances. It was found once with a small integer program (all printed figures
 * as rounding constraints, actif = passif as an equality); only one printed figure cannot be
 * met: the bilan's "Résultat de l'exercice" (403 271) against the compte de résultat's
 * excédent (403 272) for the same result, 403 271,51 €.
 */

export type Cents = number

export interface DemoLine {
  account: string
  debit: Cents
  credit: Cents
  label?: string
  aux?: string
  auxLabel?: string
  /** Analytic dimensions (organisation ids), put by accounting_demo_analytic.ts. */
  programmeId?: number | null
  territoryId?: number | null
}

export interface DemoEntry {
  year: 2022 | 2023
  journal: string
  date: string
  label: string
  pieceRef: string | null
  lines: DemoLine[]
}

export const DEMO_JOURNALS: Record<string, string> = {
  AN: 'À-nouveaux',
  AC: 'Achats',
  BQ: 'Banque',
  SA: 'Salaires',
  SU: 'Subventions',
  VE: 'Ventes et produits',
  OD: 'Opérations diverses',
}

/** Accounts the demo uses beyond the standard chart, with their labels. */
export const DEMO_ACCOUNTS: Record<string, string> = {
  '1021': 'Fonds associatifs sans droit de reprise',
  '1026': "Subventions d'investissement affectées à des biens renouvelables",
  '110': 'Report à nouveau (solde créditeur)',
  '119': 'Report à nouveau (solde débiteur)',
  '129': "Résultat de l'exercice (déficit)",
  '131': "Subventions d'équipement",
  '139': "Subventions d'investissement inscrites au compte de résultat",
  '1511': 'Provisions pour litiges',
  '164': 'Emprunts auprès des établissements de crédit',
  '194': 'Fonds dédiés sur subventions de fonctionnement',
  '205': 'Concessions et droits similaires, logiciels',
  '2183': 'Matériel de bureau et matériel informatique',
  '2184': 'Mobilier',
  '275': 'Dépôts et cautionnements versés',
  '2805': 'Amortissements des logiciels',
  '28183': 'Amortissements du matériel de bureau et informatique',
  '28184': 'Amortissements du mobilier',
  '401': 'Fournisseurs',
  '408': 'Fournisseurs - factures non parvenues',
  '409': 'Fournisseurs débiteurs',
  '411': 'Usagers et clients',
  '4191': 'Clients - avances et acomptes reçus',
  '421': 'Personnel - rémunérations dues',
  '425': 'Personnel - avances et acomptes',
  '4282': 'Dettes provisionnées pour congés à payer',
  '431': 'Sécurité sociale (URSSAF)',
  '437': 'Autres organismes sociaux',
  '4386': 'Organismes sociaux - charges à payer',
  '441': 'État et collectivités - subventions à recevoir',
  '4387': 'Organismes - produits à recevoir',
  '447': 'Autres impôts, taxes et versements assimilés',
  '4671': 'Autres comptes créditeurs',
  '4678': 'Autres comptes débiteurs (OPCO, prévoyance)',
  '486': "Charges constatées d'avance",
  '487': "Produits constatés d'avance",
  '491': 'Dépréciations des comptes de clients',
  '508': 'Autres valeurs mobilières de placement',
  '5121': 'Banque - compte courant',
  '5122': 'Banque - livret',
  '531': 'Caisse',
  '6061': 'Fournitures non stockables (eau, énergie)',
  '6063': "Fournitures d'entretien et petit équipement",
  '6064': 'Fournitures administratives',
  '6068': 'Autres matières et fournitures',
  '6132': 'Locations immobilières',
  '6135': 'Locations mobilières',
  '6152': 'Entretien et réparations sur biens immobiliers',
  '6156': 'Maintenance',
  '616': "Primes d'assurance",
  '6181': 'Documentation générale',
  '6185': 'Frais de colloques, séminaires, conférences',
  '6226': 'Honoraires',
  '6231': 'Annonces et insertions',
  '6251': 'Voyages et déplacements',
  '6256': 'Missions',
  '6257': 'Réceptions',
  '626': 'Frais postaux et de télécommunications',
  '627': 'Services bancaires et assimilés',
  '6281': 'Cotisations et divers',
  '6311': 'Taxe sur les salaires',
  '6331': 'Versement mobilité',
  '6333': 'Participation des employeurs à la formation professionnelle continue',
  '63512': 'Taxes foncières',
  '637': 'Autres impôts, taxes et versements assimilés',
  '6411': 'Salaires, appointements',
  '6412': 'Congés payés',
  '6413': 'Primes et gratifications',
  '6414': 'Indemnités et avantages divers',
  '6451': "Cotisations à l'URSSAF",
  '6452': 'Cotisations aux mutuelles',
  '6453': 'Cotisations aux caisses de retraite',
  '6475': 'Médecine du travail, pharmacie',
  '6488': 'Autres charges de personnel',
  '6581': 'Charges diverses de gestion courante',
  '6611': 'Intérêts des emprunts et dettes',
  '6718': 'Autres charges exceptionnelles sur opérations de gestion',
  '6788': 'Charges exceptionnelles diverses',
  '68111': 'Dotations aux amortissements des immobilisations incorporelles',
  '68112': 'Dotations aux amortissements des immobilisations corporelles',
  '6815': "Dotations aux provisions pour risques et charges d'exploitation",
  '6817': 'Dotations aux dépréciations des actifs circulants',
  '6894': 'Reports en fonds dédiés sur subventions de fonctionnement',
  '7061': 'Prestations de services',
  '7088': 'Autres produits d’activités annexes',
  '74111': 'Subvention DREETS - Socle et OBF',
  '74112': 'Subvention DREETS - Contrat d’engagement jeune (CEJ)',
  '74118': 'Subventions DREETS - autres actions',
  '74120': 'Subvention Pôle Emploi',
  '74130': 'Subvention PIC (plan d’investissement dans les compétences)',
  '74140': 'Subvention Contrat de Ville',
  '74180': 'Autres crédits d’État déconcentrés',
  '74610': 'Fonds social européen (FSE)',
  '74620': 'FEDER Interreg',
  '74210': 'Subvention Conseil Régional',
  '74310': 'Subvention Conseil Départemental',
  '74410': 'Subvention Rennes Métropole',
  '74420': 'Subventions autres EPCI',
  '74810': 'Aides aux contrats aidés (ASP)',
  '7561': 'Cotisations sans contrepartie',
  '7588': 'Produits divers de gestion courante',
  '7681': 'Intérêts des comptes financiers',
  '7720': 'Produits sur exercices antérieurs (subventions)',
  '777': "Quote-part des subventions d'investissement virée au résultat",
  '7788': 'Produits exceptionnels divers',
  '7875': 'Reprises sur provisions pour risques et charges exceptionnels',
  '7894': 'Utilisations des fonds dédiés sur subventions de fonctionnement',
  '7910': "Transferts de charges d'exploitation",
  '7917': 'Transferts de charges - remboursements OPCO',
}

/** Cents part of each printed figure (see the header comment). */
const CENTS: Record<string, number> = {
  c_achats: 49,
  c_se: 49,
  c_ase: 49,
  c_imp_ms: 49,
  c_imp_oth: 0,
  c_pers: 49,
  c_agc: 49,
  c_amort: 49,
  c_prov: -49,
  c_fd: -49,
  c_fin: 49,
  c_exc: -45,
  p_socle: 49,
  p_cej: 49,
  p_dreets_oth: -49,
  p_pe: 49,
  p_pic: 49,
  p_cdv: -49,
  p_etat_oth: -49,
  p_fse: 47,
  p_feder: -49,
  p_reg: -2,
  p_dep: -49,
  p_rm: -49,
  p_epci: -49,
  p_ca: -49,
  p_aut: 49,
  p_agc: 49,
  p_fin: 0,
  p_exc: -49,
  p_rfd: -49,
  p_tc: -49,
  a_inc_b: 49,
  a_inc_a: 49,
  a_cor_b: 0,
  a_cor_a: 2,
  a_fin_b: 49,
  a_cr_b: 47,
  a_cr_p: -2,
  a_vmp: 49,
  a_dis: 4,
  a_cca: -49,
  a22_inc: 47,
  a22_cor: -49,
  a22_fin: -49,
  a22_cr: 49,
  a22_vmp: 49,
  a22_dis: -49,
  a22_cca: -49,
  f_F: 49,
  f_S: 49,
  f_RAN22: 2,
  f_R22: -49,
  f_SI23: -49,
  f_PR23: -2,
  f_FD23: -49,
  f_EM23: 49,
  f_DF23: 0,
  f_DFS23: -49,
  f_AD23: -49,
  f_PCA23: 47,
  f_SI22: -2,
  f_PR22: 49,
  f_FD22: -47,
  f_EM22: 49,
  f_DF22: 49,
  f_DFS22: 0,
  f_AD22: -49,
  f_PCA22: 49,
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits `total` cents into parts proportional to `weights`, summing exactly to `total`. */
export function splitByWeights(total: Cents, weights: number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((total * w) / sum))
  let rest = total - parts.reduce((a, b) => a + b, 0)
  for (let i = 0; rest !== 0; i = (i + 1) % parts.length) {
    const step = rest > 0 ? 1 : -1
    parts[i] += step
    rest -= step
  }
  return parts
}

type Rng = () => number

/** Random split into n positive parts (each at least one cent) that add up exactly. */
export function randomSplit(total: Cents, n: number, rng: Rng, spread = 0.6): Cents[] {
  const count = Math.max(1, Math.min(n, total))
  if (count <= 1) return [total]
  return splitByWeights(
    total,
    Array.from({ length: count }, () => 1 - spread / 2 + spread * rng())
  ).filter((p) => p !== 0)
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const dateOf = (year: number, month: number, day: number) =>
  `${year}-${pad(month)}-${pad(Math.min(day, lastDay(year, month)))}`

export interface DemoLedger {
  entries: DemoEntry[]
  /** Closing balances (debit − credit, cents) expected for 2022 and 2023, for checks. */
  closing2022: Map<string, Cents>
  closing2023: Map<string, Cents>
  result2022: Cents
  allocationDate: string
}

export function buildDemoLedger(rapport: Rapport2023): DemoLedger {
  const rng = prng(20231231)
  const accounts = rapport.accounts
  const is: ReportStatement = accounts.income_statement
  const bs = accounts.balance_sheet
  const byLabel = <T extends { label: string }>(list: T[], label: string) => {
    const found = list.find((x) => x.label === label)
    if (!found) throw new Error(`Ligne absente du rapport : ${label}`)
    return found
  }
  const euro = (value: number | null, key: string) => Math.round((value ?? 0) * 100) + CENTS[key]
  const y = '2023'
  const charge = (label: string) => byLabel(is.charges, label)
  const produit = (label: string) => byLabel(is.produits, label)
  const imp = charge('Impôts et taxes')
  const dot = charge('Dotations aux amortissements et provisions')
  const etat = produit("Crédits d'État déconcentrés")
  const dreets = detailsOf(etat)[0]
  const coll = produit('Collectivités territoriales')
  const ofWhich = (item: ReportLine, label: string) => byLabel(detailsOf(item), label)

  // ---- 2023 compte de résultat: amount per leaf figure, in cents (positive as printed)
  const pl = {
    c_achats: euro(charge('Achats')[y], 'c_achats'),
    c_se: euro(charge('Services extérieurs')[y], 'c_se'),
    c_ase: euro(charge('Autres services extérieurs')[y], 'c_ase'),
    c_imp_ms: euro(detailsOf(imp)[0][y], 'c_imp_ms'),
    c_imp_oth: euro((imp[y] ?? 0) - (detailsOf(imp)[0][y] ?? 0), 'c_imp_oth'),
    c_pers: euro(charge('Charges de personnel')[y], 'c_pers'),
    c_agc: euro(charge('Autres charges de gestion courante')[y], 'c_agc'),
    c_amort: euro(ofWhich(dot, 'Dotations aux amortissements')[y], 'c_amort'),
    c_prov: euro(ofWhich(dot, 'Autres provisions')[y], 'c_prov'),
    c_fd: euro(ofWhich(dot, 'Engagements à réaliser (fonds dédiés)')[y], 'c_fd'),
    c_fin: euro(charge('Charges financières')[y], 'c_fin'),
    c_exc: euro(charge('Charges exceptionnelles')[y], 'c_exc'),
    p_socle: euro(ofWhich(dreets, 'dont Socle + OBF')[y], 'p_socle'),
    p_cej: euro(ofWhich(dreets, 'dont CEJ')[y], 'p_cej'),
    p_dreets_oth: euro(
      (dreets[y] ?? 0) -
        (ofWhich(dreets, 'dont Socle + OBF')[y] ?? 0) -
        (ofWhich(dreets, 'dont CEJ')[y] ?? 0),
      'p_dreets_oth'
    ),
    p_pe: euro(ofWhich(etat, 'Pôle Emploi')[y], 'p_pe'),
    p_pic: euro(ofWhich(etat, 'PIC')[y], 'p_pic'),
    p_cdv: euro(ofWhich(etat, 'Contrat de Ville')[y], 'p_cdv'),
    p_etat_oth: euro(ofWhich(etat, 'Autres')[y], 'p_etat_oth'),
    p_fse: euro(produit('Fonds social européen')[y], 'p_fse'),
    p_feder: euro(produit('FEDER Interreg')[y], 'p_feder'),
    p_reg: euro(ofWhich(coll, 'Conseil Régional')[y], 'p_reg'),
    p_dep: euro(ofWhich(coll, 'Conseil Départemental')[y], 'p_dep'),
    p_rm: euro(ofWhich(coll, 'Rennes Métropole')[y], 'p_rm'),
    p_epci: euro(ofWhich(coll, 'Autres EPCI')[y], 'p_epci'),
    p_ca: euro(produit('Subventions contrats aidés')[y], 'p_ca'),
    p_aut: euro(produit('Autres produits')[y], 'p_aut'),
    p_agc: euro(produit('Autres produits de gestion courante')[y], 'p_agc'),
    p_fin: euro(produit('Produits financiers')[y], 'p_fin'),
    p_exc: euro(produit('Produits exceptionnels')[y], 'p_exc'),
    p_rfd: euro(produit('Reprise sur fonds dédiés')[y], 'p_rfd'),
    p_tc: euro(produit('Transferts de charges')[y], 'p_tc'),
  }

  // ---- Bilan figures (cents, positive as printed)
  const actif = [...bs.actif.actif_immobilise, ...bs.actif.actif_circulant]
  const a = (label: string) => byLabel(actif, label)
  const passif = [
    ...bs.passif.fonds_associatifs,
    ...bs.passif.provisions_et_fonds_dedies,
    ...bs.passif.dettes,
  ]
  const p = (label: string) => byLabel(passif, label)
  const bil = {
    inc_b: euro(a('Immobilisations incorporelles').brut, 'a_inc_b'),
    inc_a: euro(a('Immobilisations incorporelles').amortissements_provisions, 'a_inc_a'),
    cor_b: euro(a('Immobilisations corporelles').brut, 'a_cor_b'),
    cor_a: euro(a('Immobilisations corporelles').amortissements_provisions, 'a_cor_a'),
    fin_b: euro(a('Immobilisations financières').brut, 'a_fin_b'),
    cr_b: euro(a('Créances').brut, 'a_cr_b'),
    cr_p: euro(a('Créances').amortissements_provisions, 'a_cr_p'),
    vmp: euro(a('Valeurs mobilières de placement').brut, 'a_vmp'),
    dis: euro(a('Disponibilités').brut, 'a_dis'),
    cca: euro(a("Charges constatées d'avance").brut, 'a_cca'),
    inc22: euro(a('Immobilisations incorporelles').net_2022, 'a22_inc'),
    cor22: euro(a('Immobilisations corporelles').net_2022, 'a22_cor'),
    fin22: euro(a('Immobilisations financières').net_2022, 'a22_fin'),
    cr22: euro(a('Créances').net_2022, 'a22_cr'),
    vmp22: euro(a('Valeurs mobilières de placement').net_2022, 'a22_vmp'),
    dis22: euro(a('Disponibilités').net_2022, 'a22_dis'),
    cca22: euro(a("Charges constatées d'avance").net_2022, 'a22_cca'),
    F: euro(p('Fonds associatifs sans droit de reprise')['2022'], 'f_F'),
    S: euro(p("Subventions d'investissement affectées")['2022'], 'f_S'),
    RAN22: euro(p('Report à nouveau')['2022'], 'f_RAN22'),
    R22: euro(p("Résultat de l'exercice")['2022'], 'f_R22'),
  } as Record<string, number>
  for (const [yy, s] of [
    ['2023', '23'],
    ['2022', '22'],
  ]) {
    bil['SI' + s] = euro(bs.passif.subventions_investissement[yy], 'f_SI' + s)
    bil['PR' + s] = euro(p('Provisions pour risques')[yy], 'f_PR' + s)
    bil['FD' + s] = euro(p('Fonds dédiés')[yy], 'f_FD' + s)
    bil['EM' + s] = euro(
      p('Emprunts et dettes auprès des établissements de crédit')[yy],
      'f_EM' + s
    )
    bil['DF' + s] = euro(p('Dettes fournisseurs et comptes rattachés')[yy], 'f_DF' + s)
    bil['DFS' + s] = euro(p('Dettes fiscales et sociales')[yy], 'f_DFS' + s)
    bil['AD' + s] = euro(p('Autres dettes')[yy], 'f_AD' + s)
    bil['PCA' + s] = euro(bs.passif.produits_constates_d_avance[yy], 'f_PCA' + s)
  }

  // ---- Split figures into accounts (target 2023 P&L movement per account, debit-positive)
  const target23 = new Map<string, Cents>()
  const put = (map: Map<string, Cents>, account: string, value: Cents) =>
    map.set(account, (map.get(account) ?? 0) + value)
  const spread = (total: Cents, accountsWeights: Array<[string, number]>, sign: 1 | -1) => {
    const parts = splitByWeights(
      total,
      accountsWeights.map(([, w]) => w * (0.85 + 0.3 * rng()))
    )
    accountsWeights.forEach(([account], i) => put(target23, account, sign * parts[i]))
  }
  spread(
    pl.c_achats,
    [
      ['6061', 35],
      ['6063', 15],
      ['6064', 30],
      ['6068', 20],
    ],
    1
  )
  spread(
    pl.c_se,
    [
      ['6132', 55],
      ['6135', 8],
      ['6152', 10],
      ['6156', 12],
      ['616', 8],
      ['6181', 3],
      ['6185', 4],
    ],
    1
  )
  spread(
    pl.c_ase,
    [
      ['6226', 20],
      ['6231', 5],
      ['6251', 30],
      ['6256', 10],
      ['6257', 3],
      ['626', 20],
      ['627', 2],
      ['6281', 10],
    ],
    1
  )
  spread(
    pl.c_imp_ms,
    [
      ['6311', 60],
      ['6331', 15],
      ['6333', 25],
    ],
    1
  )
  spread(
    pl.c_imp_oth,
    [
      ['63512', 70],
      ['637', 30],
    ],
    1
  )
  spread(
    pl.c_pers,
    [
      ['6411', 66],
      ['6412', 3],
      ['6413', 2],
      ['6414', 1],
      ['6451', 19],
      ['6452', 3],
      ['6453', 4],
      ['6475', 1],
      ['6488', 1],
    ],
    1
  )
  put(target23, '6581', pl.c_agc)
  put(target23, '6611', pl.c_fin)
  spread(
    pl.c_exc,
    [
      ['6718', 60],
      ['6788', 40],
    ],
    1
  )
  put(target23, '6894', pl.c_fd)
  const grantAccounts: Array<[keyof typeof pl, string]> = [
    ['p_socle', '74111'],
    ['p_cej', '74112'],
    ['p_dreets_oth', '74118'],
    ['p_pe', '74120'],
    ['p_pic', '74130'],
    ['p_cdv', '74140'],
    ['p_etat_oth', '74180'],
    ['p_fse', '74610'],
    ['p_feder', '74620'],
    ['p_reg', '74210'],
    ['p_dep', '74310'],
    ['p_rm', '74410'],
    ['p_epci', '74420'],
    ['p_ca', '74810'],
  ]
  for (const [key, account] of grantAccounts) put(target23, account, -pl[key])
  spread(
    pl.p_aut,
    [
      ['7061', 80],
      ['7088', 20],
    ],
    -1
  )
  spread(
    pl.p_agc,
    [
      ['7561', 50],
      ['7588', 50],
    ],
    -1
  )
  put(target23, '7681', -pl.p_fin)
  put(target23, '7894', -pl.p_rfd)
  put(target23, '7910', -pl.p_tc)

  // ---- Balance-sheet accounts at 31/12/2022 and 31/12/2023 (debit-positive)
  const close22 = new Map<string, Cents>()
  const close23 = new Map<string, Cents>()
  const both = (account: string, v22: Cents, v23: Cents) => {
    close22.set(account, v22)
    close23.set(account, v23)
  }
  // Intangible assets: fully depreciated in 2023.
  const incDotation = bil.inc22
  both('205', bil.inc_b, bil.inc_b)
  both('2805', -(bil.inc_b - bil.inc22), -bil.inc_a)
  // Tangible assets: two accounts sharing the same proportions.
  const corDotation = pl.c_amort - incDotation
  const corA22 = bil.cor_a - corDotation
  const corB22 = bil.cor22 + corA22
  const w = [0.62, 0.38]
  const [b23a, b23b] = splitByWeights(bil.cor_b, w)
  const [b22a, b22b] = splitByWeights(corB22, w)
  const [a23a, a23b] = splitByWeights(bil.cor_a, w)
  const [a22a, a22b] = splitByWeights(corA22, w)
  both('2183', b22a, b23a)
  both('2184', b22b, b23b)
  both('28183', -a22a, -a23a)
  both('28184', -a22b, -a23b)
  both('275', bil.fin22, bil.fin_b)
  // Receivables: provision of 6 000,00 € at the end of 2022.
  const prov22 = 600000
  const crW: Array<[string, number]> = [
    ['441', 80],
    ['411', 5],
    ['4387', 3],
    ['4678', 9],
    ['409', 1.5],
    ['425', 1.5],
  ]
  const cr22 = splitByWeights(
    bil.cr22 + prov22,
    crW.map(([, x]) => x * (0.8 + 0.4 * rng()))
  )
  const cr23 = splitByWeights(
    bil.cr_b,
    crW.map(([, x]) => x * (0.8 + 0.4 * rng()))
  )
  crW.forEach(([account], i) => both(account, cr22[i], cr23[i]))
  both('491', -prov22, -bil.cr_p)
  both('508', bil.vmp22, bil.vmp)
  both('5122', 12000000, 15000000 + Math.floor(rng() * 100000))
  both('531', 38075, 52040)
  both('5121', bil.dis22 - 12000000 - 38075, bil.dis - close23.get('5122')! - 52040)
  both('486', bil.cca22, bil.cca)
  both('1021', -bil.F, -bil.F)
  both('1026', -bil.S, -bil.S)
  both('110', -bil.RAN22, -bil.RAN22)
  const equipmentGrant = 6000000
  both('131', -15000000, -15000000 - equipmentGrant)
  both('139', 15000000 - bil.SI22, 15000000 + equipmentGrant - bil.SI23)
  both('1511', -bil.PR22, -bil.PR23)
  both('194', -bil.FD22, -bil.FD23)
  both('164', -bil.EM22, -bil.EM23)
  const split2 = (account: string[], weights: number[], v22: Cents, v23: Cents) => {
    const s22 = splitByWeights(
      v22,
      weights.map((x) => x * (0.8 + 0.4 * rng()))
    )
    const s23 = splitByWeights(
      v23,
      weights.map((x) => x * (0.8 + 0.4 * rng()))
    )
    account.forEach((acc, i) => both(acc, -s22[i], -s23[i]))
  }
  split2(['401', '408'], [85, 15], bil.DF22, bil.DF23)
  split2(['421', '431', '437', '4282', '447', '4386'], [3, 35, 15, 35, 7, 5], bil.DFS22, bil.DFS23)
  split2(['4671', '4191'], [60, 40], bil.AD22, bil.AD23)
  both('487', -bil.PCA22, -bil.PCA23)
  both('119', 0, -bil.R22)

  const entries: DemoEntry[] = []
  const result22Balance = -bil.R22 // debit-positive sum of classes 6 and 7

  // ---- 2023
  const moved = new Map<string, Cents>()
  /**
   * Moves between accounts of one printed line, so that the accounts HR's figures are checked
   * against hold them (cross.training_vs_ledger); booked after the lines they correct were drawn,
   * and left out of the targets the summarised 2022 year is drawn from.
   */
  const reclassed = new Map<string, Cents>()
  const add = (
    date: string,
    journal: string,
    label: string,
    lines: DemoLine[],
    pieceRef: string | null = null
  ) => {
    for (const l of lines) put(moved, l.account, l.debit - l.credit)
    entries.push({ year: 2023, journal, date, label, pieceRef, lines })
  }
  // À-nouveaux: 2022 balance-sheet balances, the 2022 result on 129.
  const opening: DemoLine[] = []
  for (const [account, value] of close22)
    if (value !== 0) opening.push(line(account, value, 'À-nouveaux'))
  opening.push(line('129', result22Balance, 'Résultat 2022 à affecter'))
  add('2023-01-01', 'AN', 'À-nouveaux au 01/01/2023', opening, 'AN2023')
  const allocationDate = '2023-06-30'

  const targetOf = (account: string) => close23.get(account) ?? target23.get(account) ?? 0
  const residual = (account: string) => targetOf(account) - (moved.get(account) ?? 0)
  const twoLines = (
    debit: string,
    credit: string,
    amount: Cents,
    label: string,
    aux?: [string, string]
  ) => [
    { account: debit, debit: amount, credit: 0, label, aux: aux?.[0], auxLabel: aux?.[1] },
    { account: credit, debit: 0, credit: amount, label, aux: aux?.[0], auxLabel: aux?.[1] },
  ]
  const randomDate = (month?: number) => {
    const m = month ?? 1 + Math.floor(rng() * 12)
    return dateOf(2023, m, 1 + Math.floor(rng() * 28))
  }
  /** Brings `account` to its 2023 target against `counterpart` in n dated movements. */
  const settle = (
    account: string,
    counterpart: string,
    n: number,
    journal: string,
    label: string,
    dated?: (i: number) => string
  ) => {
    const r = residual(account)
    if (r === 0) return
    const parts = randomSplit(Math.abs(r), n, rng)
    parts.forEach((amount, i) => {
      const date = dated ? dated(i) : randomDate()
      add(
        date,
        journal,
        label,
        r > 0
          ? twoLines(account, counterpart, amount, label)
          : twoLines(counterpart, account, amount, label)
      )
    })
  }

  // Reversal of the 2022 accruals on 1 January.
  const pca22Reclass = bil.FD23 - bil.FD22 - pl.c_fd + pl.p_rfd
  const pcaFunders: Array<[string, number]> = [
    ['74112', 40],
    ['74610', 30],
    ['74410', 15],
    ['74210', 15],
  ]
  reverseInto(
    '487',
    -close22.get('487')! - pca22Reclass,
    pcaFunders,
    'Extourne des produits constatés d’avance 2022',
    -1
  )
  add(
    '2023-01-01',
    'OD',
    'Reclassement en fonds dédiés de financements FSE reçus d’avance',
    twoLines('487', '194', pca22Reclass, 'Reclassement PCA en fonds dédiés')
  )
  reverseInto(
    '486',
    close22.get('486')!,
    [
      ['6132', 50],
      ['616', 30],
      ['6156', 20],
    ],
    'Extourne des charges constatées d’avance 2022',
    1
  )
  reverseInto(
    '408',
    -close22.get('408')!,
    [
      ['6226', 40],
      ['6132', 30],
      ['626', 30],
    ],
    'Extourne des factures non parvenues 2022',
    1
  )
  reverseInto(
    '4386',
    -close22.get('4386')!,
    [
      ['6451', 70],
      ['6453', 30],
    ],
    'Extourne des charges sociales à payer 2022',
    1
  )
  reverseInto(
    '4387',
    close22.get('4387')!,
    [
      ['74120', 60],
      ['74180', 40],
    ],
    'Extourne des produits à recevoir 2022',
    -1
  )

  /**
   * Reverses an accrual account's opening balance into P&L accounts on 1 January.
   * side 1: the accrual was a charge (Dr 6 / Cr accrual when the accrual had a debit balance...).
   */
  function reverseInto(
    account: string,
    amount: Cents,
    into: Array<[string, number]>,
    label: string,
    plSide: 1 | -1
  ) {
    if (amount <= 0) return
    const parts = splitByWeights(
      amount,
      into.map(([, x]) => x)
    )
    const lines: DemoLine[] = []
    const accrualIsDebit = (close22.get(account) ?? 0) > 0
    into.forEach(([target], i) => {
      // Charges accruals (486 debit; 408/4386 credit) move the charge; income accruals (487, 4387) the income.
      if (plSide === 1) {
        lines.push(
          accrualIsDebit
            ? { account: target, debit: parts[i], credit: 0, label }
            : { account: target, debit: 0, credit: parts[i], label }
        )
      } else {
        lines.push(
          accrualIsDebit
            ? { account: target, debit: parts[i], credit: 0, label }
            : { account: target, debit: 0, credit: parts[i], label }
        )
      }
    })
    lines.push(
      accrualIsDebit
        ? { account, debit: 0, credit: amount, label }
        : { account, debit: amount, credit: 0, label }
    )
    add('2023-01-01', 'OD', label, lines)
  }

  // Allocation of the 2022 result (after the general assembly).
  add(
    allocationDate,
    'OD',
    'Affectation du résultat 2022 en report à nouveau (AG)',
    twoLines('119', '129', -bil.R22, 'Affectation du résultat 2022')
  )

  // Year-end accruals of 2023 (posted on 31 December), amounts from the 2023 targets.
  const dec31 = '2023-12-31'
  const accrue = (account: string, from: Array<[string, number]>, label: string) => {
    const amount = Math.abs(targetOf(account))
    if (amount === 0) return
    const parts = splitByWeights(
      amount,
      from.map(([, x]) => x)
    )
    const isDebit = targetOf(account) > 0
    const lines: DemoLine[] = from.map(([acc], i) =>
      isDebit
        ? { account: acc, debit: 0, credit: parts[i], label }
        : { account: acc, debit: parts[i], credit: 0, label }
    )
    lines.push(
      isDebit
        ? { account, debit: amount, credit: 0, label }
        : { account, debit: 0, credit: amount, label }
    )
    add(dec31, 'OD', label, lines)
  }
  accrue(
    '486',
    [
      ['6132', 50],
      ['616', 30],
      ['6156', 20],
    ],
    'Charges constatées d’avance 2023'
  )
  accrue(
    '408',
    [
      ['6226', 40],
      ['6132', 30],
      ['626', 30],
    ],
    'Factures non parvenues 2023'
  )
  accrue(
    '4386',
    [
      ['6451', 70],
      ['6453', 30],
    ],
    'Charges sociales à payer 2023'
  )
  accrue(
    '4387',
    [
      ['74120', 60],
      ['74180', 40],
    ],
    'Produits à recevoir 2023'
  )
  accrue('487', pcaFunders, 'Produits constatés d’avance 2023 (conventions pluriannuelles)')
  // Congés payés: change of the provision.
  const cp = residual('4282')
  if (cp !== 0)
    add(
      dec31,
      'OD',
      'Ajustement de la provision pour congés payés',
      cp < 0
        ? twoLines('6412', '4282', -cp, 'Provision congés payés')
        : twoLines('4282', '6412', cp, 'Provision congés payés')
    )

  // Depreciation, provisions, fonds dédiés, investment subsidies (year-end inventory entries).
  add(dec31, 'OD', 'Dotations aux amortissements 2023', [
    { account: '68111', debit: incDotation, credit: 0 },
    { account: '68112', debit: corDotation, credit: 0 },
    { account: '2805', debit: 0, credit: incDotation },
    { account: '28183', debit: 0, credit: -(close23.get('28183')! - close22.get('28183')!) },
    { account: '28184', debit: 0, credit: -(close23.get('28184')! - close22.get('28184')!) },
  ])
  put(target23, '68111', incDotation)
  put(target23, '68112', corDotation)
  const dot6817 = bil.cr_p - prov22
  put(target23, '6817', dot6817)
  add(
    dec31,
    'OD',
    'Dépréciation des créances douteuses',
    twoLines('6817', '491', dot6817, 'Dotation dépréciation clients')
  )
  const dot6815 = pl.c_prov - dot6817
  put(target23, '6815', dot6815)
  add(
    dec31,
    'OD',
    'Provision pour risques (litiges prud’homaux)',
    twoLines('6815', '1511', dot6815, 'Dotation provision pour risques')
  )
  add(
    dec31,
    'OD',
    'Reprise de provisions pour risques devenues sans objet',
    twoLines('1511', '7875', bil.PR22 + dot6815 - bil.PR23, 'Reprise provision')
  )
  put(target23, '7875', -(bil.PR22 + dot6815 - bil.PR23))
  const fdParts = randomSplit(pl.c_fd, 6, rng)
  add(dec31, 'OD', 'Reports en fonds dédiés des subventions non utilisées', [
    ...fdParts.map((amount, i) => ({
      account: '6894',
      debit: amount,
      credit: 0,
      label: `Convention ${i + 1}`,
    })),
    { account: '194', debit: 0, credit: pl.c_fd },
  ])
  const rfdParts = randomSplit(pl.p_rfd, 8, rng)
  add(dec31, 'OD', 'Utilisation des fonds dédiés antérieurs', [
    { account: '194', debit: pl.p_rfd, credit: 0 },
    ...rfdParts.map((amount, i) => ({
      account: '7894',
      debit: 0,
      credit: amount,
      label: `Convention ${i + 1}`,
    })),
  ])
  const quotePart = close23.get('139')! - close22.get('139')!
  add(
    dec31,
    'OD',
    "Quote-part des subventions d'investissement virée au résultat",
    twoLines('139', '777', quotePart, 'Quote-part subventions')
  )
  put(target23, '777', -quotePart)
  const exc7788 = 350000
  put(target23, '7788', -exc7788)
  put(target23, '7720', -(pl.p_exc - quotePart - (bil.PR22 + dot6815 - bil.PR23) - exc7788))

  // Grants: notifications (Dr 441 / Cr 74x) by funder, then receipts through the bank.
  const funderNames: Record<string, string> = {
    '74111': 'DREETS Bretagne',
    '74112': 'DREETS Bretagne',
    '74118': 'DREETS Bretagne',
    '74120': 'Pôle Emploi',
    '74130': 'Région - PIC',
    '74140': 'Ville de Rennes - Contrat de Ville',
    '74180': 'Préfecture',
    '74610': 'FSE+ Bretagne',
    '74620': 'FEDER Interreg',
    '74210': 'Conseil Régional de Bretagne',
    '74310': 'Conseil Départemental d’Ille-et-Vilaine',
    '74410': 'Rennes Métropole',
    '74420': 'EPCI du territoire',
    '74810': 'ASP',
  }
  for (const [account, funder] of Object.entries(funderNames)) {
    const amount = residual(account)
    if (amount === 0) continue
    const parts = randomSplit(-amount, 2 + Math.floor(rng() * 6), rng)
    parts.forEach((part, i) =>
      add(
        randomDate(),
        'SU',
        `Notification ${funder} — convention ${i + 1}`,
        twoLines('441', account, part, `${DEMO_ACCOUNTS[account]}`, [`F${account}`, funder]),
        `CONV-${account}-${i + 1}`
      )
    )
  }
  add(
    '2023-11-15',
    'SU',
    "Subvention d'équipement notifiée (renouvellement du parc informatique)",
    twoLines('441', '131', equipmentGrant, "Subvention d'équipement")
  )
  const prior = -targetOf('7720')
  randomSplit(prior, 4, rng).forEach((part, i) =>
    add(
      randomDate(3 + i),
      'SU',
      `Subvention 2022 notifiée en 2023 (${i + 1})`,
      twoLines('441', '7720', part, 'Produit sur exercice antérieur')
    )
  )

  // Other income: invoices to partners (411), membership fees, interest, transfers of charges.
  for (const account of ['7061', '7088']) {
    randomSplit(-residual(account), 40, rng).forEach((part, i) =>
      add(
        randomDate(),
        'VE',
        `Facture prestation ${account}-${i + 1}`,
        twoLines('411', account, part, DEMO_ACCOUNTS[account], [
          `C${(i % 12) + 1}`,
          `Partenaire ${(i % 12) + 1}`,
        ]),
        `FV${account}-${i + 1}`
      )
    )
  }
  for (const account of ['7561', '7588', '7788']) {
    randomSplit(-residual(account), 6, rng).forEach((part) =>
      add(
        randomDate(),
        'BQ',
        DEMO_ACCOUNTS[account],
        twoLines('5121', account, part, DEMO_ACCOUNTS[account])
      )
    )
  }
  randomSplit(-residual('7681'), 4, rng).forEach((part, i) =>
    add(
      dateOf(2023, 3 * (i + 1), 31),
      'BQ',
      'Intérêts du livret',
      twoLines('5122', '7681', part, 'Intérêts')
    )
  )
  // The OPCO refunds HR records (hr.ts), received on 30/11/2023, on their own transfer account;
  // the other transfers of charges stay on 7910, the same printed line.
  const opcoRefunds = (
    rapport.hr.training.opco_refunds_2023.rows as Array<{ mode: string; amount: number }>
  ).map((r) => ({ mode: r.mode, amount: Math.round(r.amount * 100) }))
  const opcoTotal = opcoRefunds.reduce((sum, r) => sum + r.amount, 0)
  randomSplit(-residual('7910') - opcoTotal, 24, rng).forEach((part, i) =>
    add(
      randomDate(),
      'OD',
      `Indemnités journalières de prévoyance (subrogation) ${i + 1}`,
      twoLines('4678', '7910', part, 'Remboursement de prévoyance', ['PREV', 'Prévoyance'])
    )
  )
  for (const refund of opcoRefunds)
    add(
      '2023-11-30',
      'OD',
      `Prise en charge OPCO — ${refund.mode}`,
      twoLines('4678', '7917', refund.amount, 'Remboursement OPCO', ['OPCO', 'Uniformation'])
    )
  reclassed.set('7910', opcoTotal)
  reclassed.set('7917', -opcoTotal)

  // Payroll: one entry per month, one line per employee and account.
  const employees = 168
  const level = Array.from({ length: employees }, () => 0.75 + rng() * 0.9)
  const payrollAccounts = ['6411', '6413', '6414', '6412', '6451', '6452', '6453', '6475', '6488']
  const taxAccounts: Array<[string, string]> = [
    ['6311', '447'],
    ['6331', '431'],
    ['6333', '437'],
  ]
  const monthly = new Map<string, Cents[]>()
  for (const account of payrollAccounts)
    monthly.set(account, splitEvenly(residual(account), 12, rng))
  const taxParts = new Map(
    taxAccounts.map(([account]) => [account, splitEvenly(targetOf(account), 12, rng)])
  )
  for (let m = 1; m <= 12; m++) {
    const lines: DemoLine[] = []
    const gross = splitByWeights(
      monthly.get('6411')![m - 1],
      level.map((x) => x * (0.97 + 0.06 * rng()))
    )
    const perEmployee = ['6451', '6452', '6453'].map(
      (account) =>
        [
          account,
          splitByWeights(
            monthly.get(account)![m - 1],
            gross.map((g) => Math.max(g, 1))
          ),
        ] as const
    )
    let net = 0
    let debits = 0
    gross.forEach((g, e) => {
      const aux: [string, string] = [`S${String(e + 1).padStart(3, '0')}`, `Salarié ${e + 1}`]
      lines.push({
        account: '6411',
        debit: g,
        credit: 0,
        label: 'Salaire de base',
        aux: aux[0],
        auxLabel: aux[1],
      })
      debits += g
      for (const [account, parts] of perEmployee) {
        if (parts[e] === 0) continue
        lines.push(
          parts[e] > 0
            ? {
                account,
                debit: parts[e],
                credit: 0,
                label: DEMO_ACCOUNTS[account],
                aux: aux[0],
                auxLabel: aux[1],
              }
            : {
                account,
                debit: 0,
                credit: -parts[e],
                label: DEMO_ACCOUNTS[account],
                aux: aux[0],
                auxLabel: aux[1],
              }
        )
        debits += parts[e]
      }
      const n = Math.round(g * 0.78)
      net += n
      lines.push({
        account: '421',
        debit: 0,
        credit: n,
        label: 'Net à payer',
        aux: aux[0],
        auxLabel: aux[1],
      })
    })
    for (const account of ['6413', '6414', '6412', '6475', '6488']) {
      const v = monthly.get(account)![m - 1]
      if (v === 0) continue
      lines.push(
        v > 0
          ? { account, debit: v, credit: 0, label: DEMO_ACCOUNTS[account] }
          : { account, debit: 0, credit: -v, label: DEMO_ACCOUNTS[account] }
      )
      debits += v
    }
    const urssaf = Math.round((debits - net) * 0.62)
    lines.push({ account: '431', debit: 0, credit: urssaf, label: 'URSSAF' })
    lines.push({
      account: '437',
      debit: 0,
      credit: debits - net - urssaf,
      label: 'Retraite, prévoyance, mutuelle',
    })
    add(dateOf(2023, m, 28), 'SA', `Paie de ${pad(m)}/2023`, lines, `PAIE-2023-${pad(m)}`)
    for (const [account, payable] of taxAccounts) {
      const parts = taxParts.get(account)!
      add(
        dateOf(2023, m, 28),
        'OD',
        `${DEMO_ACCOUNTS[account]} ${pad(m)}/2023`,
        twoLines(account, payable, parts[m - 1], DEMO_ACCOUNTS[account])
      )
    }
  }

  // Suppliers: invoices per charge account (Dr 6 / Cr 401), assets bought (Dr 218 / Cr 401).
  const supplierAccounts = [
    '6061',
    '6063',
    '6064',
    '6068',
    '6132',
    '6135',
    '6152',
    '6156',
    '616',
    '6181',
    '6185',
    '6226',
    '6231',
    '6251',
    '6256',
    '6257',
    '626',
    '6281',
    '63512',
    '637',
    '6581',
    '6718',
    '6788',
  ]
  let invoice = 0
  for (const account of supplierAccounts) {
    const total = residual(account)
    if (total <= 0) throw new Error(`Démo : charge ${account} négative après régularisations`)
    const count = Math.max(1, Math.min(900, Math.round(total / 50000)))
    const suppliers = 3 + Math.floor(rng() * 12)
    for (const part of randomSplit(total, count, rng, 1.2)) {
      invoice++
      const s = 1 + Math.floor(rng() * suppliers)
      const aux: [string, string] = [`F${account}-${s}`, `Fournisseur ${account}-${s}`]
      const label = `${DEMO_ACCOUNTS[account]} — facture ${invoice}`
      const detail = part > 20000 && rng() < 0.5 ? randomSplit(part, 2, rng) : [part]
      add(
        randomDate(),
        'AC',
        label,
        [
          ...detail.map((d) => ({ account, debit: d, credit: 0, label })),
          { account: '401', debit: 0, credit: part, label, aux: aux[0], auxLabel: aux[1] },
        ],
        `FA${invoice}`
      )
    }
  }
  // 6185 holds the external training costs as HR records them (hr.ts: teaching and ancillary
  // costs): the training rooms, travel and stays invoiced among the rents are reclassified.
  const plan = rapport.hr.training.plan_cost_2023
  const trainingCosts = Math.round(
    (plan.couts_pedagogiques +
      plan.couts_annexes_detail.transport +
      plan.couts_annexes_detail.hebergement +
      plan.couts_annexes_detail.repas) *
      100
  )
  const toTraining = trainingCosts - moved.get('6185')!
  add(
    dec31,
    'OD',
    'Reclassement en frais de formation des locations et frais de stage',
    twoLines('6185', '6132', toTraining, 'Reclassement frais de formation')
  )
  reclassed.set('6185', toTraining)
  reclassed.set('6132', -toTraining)
  for (const account of ['2183', '2184']) {
    randomSplit(residual(account), 5, rng).forEach((part, i) =>
      add(
        randomDate(),
        'AC',
        `Acquisition d'immobilisation ${account}-${i + 1}`,
        twoLines(account, '401', part, DEMO_ACCOUNTS[account], ['FIMMO', 'Fournisseur matériel'])
      )
    )
  }

  // Bank: loan instalments, bank fees, then every third-party account settled to its target.
  const principal = splitEvenly(residual('164'), 12, rng)
  const interest = splitEvenly(residual('6611'), 12, rng)
  for (let m = 1; m <= 12; m++) {
    add(dateOf(2023, m, 5), 'BQ', `Échéance d'emprunt ${pad(m)}/2023`, [
      { account: '164', debit: principal[m - 1], credit: 0 },
      { account: '6611', debit: interest[m - 1], credit: 0 },
      { account: '5121', debit: 0, credit: principal[m - 1] + interest[m - 1] },
    ])
  }
  settle('627', '5121', 12, 'BQ', 'Frais bancaires', (i) => dateOf(2023, i + 1, 30))
  settle('441', '5121', 60, 'BQ', 'Versement de subvention')
  settle('411', '5121', 30, 'BQ', 'Règlement client')
  settle('4678', '5121', 12, 'BQ', 'Remboursement OPCO ou prévoyance reçu')
  settle('421', '5121', 12, 'BQ', 'Virement des salaires', (i) => dateOf(2023, i + 1, 29))
  settle('431', '5121', 12, 'BQ', 'Règlement URSSAF', (i) => dateOf(2023, i + 1, 15))
  settle('437', '5121', 12, 'BQ', 'Règlement caisses de retraite et prévoyance', (i) =>
    dateOf(2023, i + 1, 15)
  )
  settle('447', '5121', 12, 'BQ', 'Règlement taxe sur les salaires', (i) => dateOf(2023, i + 1, 15))
  settle('401', '5121', 250, 'BQ', 'Règlement fournisseurs')
  settle('409', '5121', 4, 'BQ', 'Acompte fournisseur')
  settle('425', '5121', 6, 'BQ', 'Avance au personnel')
  settle('4671', '5121', 8, 'BQ', 'Créditeurs divers')
  settle('4191', '5121', 4, 'BQ', 'Avance reçue d’un partenaire')
  settle('508', '5121', 2, 'BQ', 'Cession de valeurs mobilières de placement')
  settle('275', '5121', 3, 'BQ', 'Dépôt de garantie')
  settle('5122', '5121', 3, 'BQ', 'Virement interne livret')
  settle('531', '5121', 6, 'BQ', 'Approvisionnement de la caisse')

  // ---- 2022: opening balances, then monthly totals whose result is the printed 2022 result
  const pl22 = new Map<string, Cents>()
  for (const [account, value] of target23)
    if (account >= '6') pl22.set(account, Math.round(value * (0.9 + 0.12 * rng())))
  const pl22Sum = [...pl22.values()].reduce((s, v) => s + v, 0)
  pl22.set('6411', pl22.get('6411')! + (result22Balance - pl22Sum))
  const bank22Movement = -result22Balance
  const opening22: DemoLine[] = []
  for (const [account, value] of close22) {
    const v = account === '5121' ? value - bank22Movement : value
    if (v !== 0) opening22.push(line(account, v, 'Reprise des soldes au 01/01/2022'))
  }
  entries.push({
    year: 2022,
    journal: 'AN',
    date: '2022-01-01',
    label: 'À-nouveaux 2022',
    pieceRef: 'AN2022',
    lines: opening22,
  })
  const months22 = new Map<string, Cents[]>()
  for (const [account, value] of pl22) months22.set(account, splitEvenly(value, 12, rng))
  for (let m = 1; m <= 12; m++) {
    const lines: DemoLine[] = []
    let bank = 0
    for (const [account, parts] of months22) {
      if (parts[m - 1] === 0) continue
      lines.push(line(account, parts[m - 1], `Totaux ${pad(m)}/2022`))
      bank -= parts[m - 1]
    }
    lines.push(line('5121', bank, `Contrepartie trésorerie ${pad(m)}/2022`))
    entries.push({
      year: 2022,
      journal: 'OD',
      date: dateOf(2022, m, 31),
      label: `Centralisation des opérations de ${pad(m)}/2022`,
      pieceRef: `C2022-${pad(m)}`,
      lines,
    })
  }

  // Every account must now be at its target; the bank is what is left and must match too.
  const problems: string[] = []
  const all = new Set([...close23.keys(), ...target23.keys(), ...moved.keys()])
  for (const account of all) {
    if (account === '129') continue
    const expected = targetOf(account) + (reclassed.get(account) ?? 0)
    const got = moved.get(account) ?? 0
    if (expected !== got) problems.push(`${account}: attendu ${expected}, obtenu ${got}`)
  }
  if (problems.length)
    throw new Error(`Grand livre de démonstration incohérent : ${problems.join('; ')}`)

  const closing2023 = new Map<string, Cents>(moved)
  return { entries, closing2022: close22, closing2023, result2022: bil.R22, allocationDate }
}

function line(account: string, value: Cents, label: string): DemoLine {
  return value >= 0
    ? { account, debit: value, credit: 0, label }
    : { account, debit: 0, credit: -value, label }
}

/** Splits a (possibly negative) total into n near-equal parts that add up exactly. */
function splitEvenly(total: Cents, n: number, rng: Rng): Cents[] {
  const sign = total < 0 ? -1 : 1
  return splitByWeights(
    Math.abs(total),
    Array.from({ length: n }, () => 0.9 + 0.2 * rng())
  ).map((x) => x * sign)
}
