/**
 * The statement layouts seeded for every organisation (notation: app/reference/layout_notation.ts):
 * the regulatory ANC 2018-06 layouts, and the association's annual-report layout (code
 * 'rapport-annuel', the presentation of the printed 2023 report).
 *
 * The annual-report balance sheet gathers lines of the ANC balance sheet (a regrouping table, so
 * that the account ranges are written once). Its income statement splits charges by account
 * class (60, 61, 62...) and produits by funder family, across the ANC lines, so most of its lines
 * have ranges of their own; those that take what an ANC line takes name that line instead.
 *
 * Funder families of the annual-report layout follow the sub-accounts of 74 in the association
 * chart: 741 État (7411 DREETS with 74111 Socle + OBF and 74112 CEJ, 7412 Pôle Emploi, 7413 PIC,
 * 7414 Contrat de Ville), 742 Région, 743 Département, 744 communes et groupements (7441 Rennes
 * Métropole), 746 Union européenne (7461 FSE, 7462 FEDER), 7481 aides aux contrats aidés.
 *
 * Layouts are versioned by the first fiscal year they apply to (ANC 2018-06 from 2020; the 2025
 * changes of ANC 2022-06 remove 79x and move 777 to 747).
 */

import {
  layoutTable,
  regroupingTable,
  regroupLayout,
  type LayoutDefinition,
  type LineDefinition,
  type RegroupedLine,
} from '#reference/layout_notation'

/**
 * ANC 2018-06 compte de résultat (domain.md §1.2), as ANC 2022-06 amends it for the fiscal years
 * opened from 2025.
 */
const ANC_INCOME_2025 = layoutTable(`
PE | Produits d'exploitation | produits | heading |
RP1 | Cotisations | produits | | 756
RP2 | Ventes de biens et services | produits | | 70
RP3 | Produits de tiers financeurs | produits | | = RP3A + RP3B + RP3C + RP3D
RP3A | Concours publics et subventions d'exploitation | produits | dont | 73 74 -747
RP3B | Versements des fondateurs ou consommations de la dotation consomptible | produits | dont | 753
RP3C | Ressources liées à la générosité du public | produits | dont | 754
RP3D | Contributions financières | produits | dont | 755
RP4 | Reprises sur amortissements, dépréciations et provisions | produits | | 781
RP5 | Utilisations des fonds dédiés | produits | | 789
RP6 | Autres produits | produits | | 751 752 757 758 71 72 747
RPT | Total I — Produits d'exploitation | produits | subtotal | = RP1 + RP2 + RP3 + RP4 + RP5 + RP6
CE | Charges d'exploitation | charges | heading |
RC1 | Achats de marchandises et d'approvisionnements (y compris variation de stocks) | charges | | 601 602 603 607
RC2 | Autres achats et charges externes | charges | | 604 605 606 608 609 61 62
RC3 | Aides financières | charges | | 657
RC4 | Impôts, taxes et versements assimilés | charges | | 63
RC5 | Salaires et traitements | charges | | 641 642 643 644 648 649
RC6 | Charges sociales | charges | | 645 646 647
RC7 | Dotations aux amortissements et aux dépréciations | charges | | 6811 6812 6816 6817
RC8 | Dotations aux provisions | charges | | 6815
RC9 | Reports en fonds dédiés | charges | | 689
RC10 | Autres charges | charges | | 65 -657
RCT | Total II — Charges d'exploitation | charges | subtotal | = RC1 + RC2 + RC3 + RC4 + RC5 + RC6 + RC7 + RC8 + RC9 + RC10
R1 | 1. Résultat d'exploitation (I − II) | resultat | subtotal | = RPT - RCT
RPF | Produits financiers | produits | | 76 786
RCF | Charges financières | charges | | 66 686
R2 | 2. Résultat financier | resultat | subtotal | = RPF - RCF
R3 | 3. Résultat courant avant impôts (1 + 2) | resultat | subtotal | = R1 + R2
RPE | Produits exceptionnels | produits | | 77 787
RCE | Charges exceptionnelles | charges | | 67 687
R4 | 4. Résultat exceptionnel | resultat | subtotal | = RPE - RCE
RIS | Impôts sur les bénéfices et participation | charges | | 69
TP | Total des produits | produits | total | = RPT + RPF + RPE
TC | Total des charges | charges | total | = RCT + RCF + RCE + RIS
RES | Excédent ou déficit | resultat | total | = TP - TC
CVN | Contributions volontaires en nature | resultat | heading |
CVNP | Produits : contributions volontaires en nature (87) | produits | | 87
CVNC | Charges : emplois des contributions volontaires en nature (86) | charges | | 86
`)

/** The lines that read otherwise before 2025: 79x transferts de charges, no 747 yet. */
const ANC_INCOME_BEFORE_2025: Record<string, Partial<LineDefinition>> = {
  RP3A: { ranges: '73 74' },
  RP4: {
    label: 'Reprises sur amortissements, dépréciations, provisions et transferts de charges',
    ranges: '781 791',
  },
  RP6: { ranges: '751 752 757 758 71 72' },
  RPF: { ranges: '76 786 796' },
  RPE: { ranges: '77 787 797' },
}

function ancIncome(from2025: boolean): LineDefinition[] {
  if (from2025) return ANC_INCOME_2025
  return ANC_INCOME_2025.map((line) => ({ ...line, ...ANC_INCOME_BEFORE_2025[line.code] }))
}

/**
 * The association's annual-report layout (printed 2023 report): charges by account class,
 * produits by funder family. A line that takes the accounts of an ANC line (the same in both
 * versions) names it (`< RCF`) rather than writing its ranges again.
 */
const ANNUAL_INCOME = regroupLayout(
  ancIncome(false),
  regroupingTable(`
CH | Charges | charges | heading |
C01 | Achats | charges | | 60
C02 | Services extérieurs | charges | | 61
C03 | Autres services extérieurs | charges | | 62
C04 | Impôts et taxes | |  | < RC4
C04A | dont impôts et taxes sur masse salariale | charges | dont | 631 633
C05 | Charges de personnel | charges | | 64
C06 | Autres charges de gestion courante | charges | | 65
C07 | Dotations aux amortissements et provisions | charges | | = C07A + C07B + C07C
C07A | Dotations aux amortissements | charges | dont | 6811 6812
C07B | Autres provisions | charges | dont | 6815 6816 6817
C07C | Engagements à réaliser (fonds dédiés) | | dont | < RC9
C08 | |  | | < RCF
C09 | |  | | < RCE
C10 | Impôts sur les bénéfices | |  | < RIS
TC | Total des charges | charges | total | = C01 + C02 + C03 + C04 + C05 + C06 + C07 + C08 + C09 + C10
EXC | Excédent | resultat | total | = max0(TP - TC)
PR | Produits | produits | heading |
P01 | Crédits d'État déconcentrés | produits | | = P01A + P01B + P01C + P01D + P01E
P01A | DREETS/DEETS | produits | dont | 7411
P01A1 | dont Socle + OBF | produits | dont 3 | 74111
P01A2 | dont CEJ | produits | dont 3 | 74112
P01B | Pôle Emploi | produits | dont | 7412
P01C | PIC | produits | dont | 7413
P01D | Contrat de Ville | produits | dont | 7414
P01E | Autres | produits | dont | 741 -7411 -7412 -7413 -7414
P02 | Fonds social européen | produits | | 7461
P03 | FEDER Interreg | produits | | 7462
P04 | Collectivités territoriales | produits | | = P04A + P04B + P04C + P04D
P04A | Conseil Régional | produits | dont | 742
P04B | Conseil Départemental | produits | dont | 743
P04C | Rennes Métropole | produits | dont | 7441
P04D | Autres EPCI | produits | dont | 744 -7441
P05 | Subventions contrats aidés | produits | | 7481
P06 | TOTAL FONDS PUBLICS | produits | subtotal | = P01 + P02 + P03 + P04 + P05
P07 | Autres produits | produits | | 70 71 72 73 74 -741 -742 -743 -744 -7461 -7462 -7481
P08 | Autres produits de gestion courante | produits | | 75
P09 | Produits financiers | produits | | 76 786
P10 | Produits exceptionnels | produits | | 77 787
P11 | Reprises sur amortissements et provisions | produits | | 781
P12 | Reprise sur fonds dédiés | |  | < RP5
P13 | Transferts de charges | produits | | 79
TP | Total des produits | produits | total | = P06 + P07 + P08 + P09 + P10 + P11 + P12 + P13
DEF | Déficit | resultat | total | = max0(TC - TP)
TCR | TOTAL COMPTE DE RÉSULTAT | resultat | total | = TC + EXC
RES | Résultat de l’exercice (excédent + / déficit −) | resultat | total | = TP - TC
`)
)

/** ANC 2018-06 bilan (domain.md §1.2). */
const ANC_BALANCE = layoutTable(`
ACTIF | Actif | actif | heading |
A01 | Immobilisations incorporelles | actif | | 20 280:A 290:A
A02 | Immobilisations corporelles | actif | | 21 22 23 281:A 282:A 291:A 293:A
A03 | Biens reçus par legs ou donations destinés à être cédés | actif | | 24
A04 | Immobilisations financières | actif | | 26 27 296:A 297:A
AT1 | Total I — Actif immobilisé | actif | subtotal | = A01 + A02 + A03 + A04
A05 | Stocks et en-cours | actif | | 3 39:A
A06 | Créances usagers et comptes rattachés | actif | | 41:D 491:A
A07 | Autres créances | actif | | 40:D 42:D 43:D 44:D 45:D 46:D 47:D 49:A -491
A08 | Valeurs mobilières de placement | actif | | 50 59:A
A09 | Disponibilités | actif | | 51:D 52:D 53 54 58
A10 | Charges constatées d'avance | actif | | 486
AT2 | Total II — Actif circulant | actif | subtotal | = A05 + A06 + A07 + A08 + A09 + A10
AT | TOTAL GÉNÉRAL DE L'ACTIF | actif | total | = AT1 + AT2
PASSIF | Passif | passif | heading |
F01 | Fonds propres sans droit de reprise | passif | | 10 -103 -105 -106
F02 | Fonds propres avec droit de reprise | passif | | 103
F03 | Écarts de réévaluation | passif | | 105
F04 | Réserves | passif | | 106
F05 | Report à nouveau | passif | | 11
F06 | Excédent ou déficit de l'exercice | passif | | 12 6 7 8
FSN | Situation nette (sous-total) | passif | subtotal | = F01 + F02 + F03 + F04 + F05 + F06
F07 | Subventions d'investissement | passif | | 13
F08 | Provisions réglementées | passif | | 14
FT1 | Total I — Fonds propres | passif | subtotal | = FSN + F07 + F08
F09 | Fonds reportés et dédiés | passif | | 19
FT2 | Total II — Fonds reportés et dédiés | passif | subtotal | = F09
F10 | Provisions pour risques et charges | passif | | 15
FT3 | Total III — Provisions | passif | subtotal | = F10
F11 | Emprunts et dettes auprès des établissements de crédit | passif | | 16 51:C 52:C
F12 | Dettes fournisseurs et comptes rattachés | passif | | 40:C
F13 | Dettes fiscales et sociales | passif | | 42:C 43:C 44:C
F14 | Autres dettes | passif | | 41:C 45:C 46:C 47:C
F15 | Produits constatés d'avance | passif | | 487
FT4 | Total IV — Dettes | passif | subtotal | = F11 + F12 + F13 + F14 + F15
FT | TOTAL GÉNÉRAL DU PASSIF | passif | total | = FT1 + FT2 + FT3 + FT4
`)

/**
 * The association's balance sheet (annual report) as a regrouping of the ANC lines: fixed assets
 * of legs with the tangible ones, one line of créances, fonds propres in one line apart from the
 * investment subsidies allocated to renewable assets (1026), provisions réglementées with the
 * investment subsidies, provisions before fonds dédiés, produits constatés d'avance after the
 * debts.
 */
export const ANNUAL_BALANCE_REGROUPING: RegroupedLine[] = regroupingTable(`
ACTIF | Actif | actif | heading |
A01 | | | | < A01
A02 | Immobilisations corporelles | | | < A02 A03
A03 | | | | < A04
AT1 | Total I — Actif immobilisé | actif | subtotal | = A01 + A02 + A03
A04 | | | | < A05
A05 | Créances | | | < A06 A07
A06 | | | | < A08
A07 | | | | < A09
A08 | | | | < A10
AT2 | Total II — Actif circulant | actif | subtotal | = A04 + A05 + A06 + A07 + A08
AT | TOTAL GÉNÉRAL DE L'ACTIF | actif | total | = AT1 + AT2
PASSIF | Passif | passif | heading |
F01 | Fonds associatifs sans droit de reprise | | | < F01 F02 F03 F04 -1026
F02 | Subventions d'investissement affectées | passif | | 1026
F03 | | | | < F05
F04 | Résultat de l'exercice | | | < F06
FSN | Situation nette | passif | subtotal | = F01 + F02 + F03 + F04
F05 | Subventions d'investissement | | | < F07 F08
FT1 | Total I — Fonds associatifs | passif | subtotal | = FSN + F05
F06 | Provisions pour risques | | | < F10
F07 | Fonds dédiés | | | < F09
FT2 | Total II — Provisions et fonds dédiés | passif | subtotal | = F06 + F07
F08 | | | | < F11
F09 | | | | < F12
F10 | | | | < F13
F11 | | | | < F14
FT3 | Total III — Dettes | passif | subtotal | = F08 + F09 + F10 + F11
F12 | | | | < F15
FT | TOTAL GÉNÉRAL DU PASSIF | passif | total | = FT1 + FT2 + FT3 + F12
`)

export const ANNUAL_REPORT_CODE = 'rapport-annuel'
export const ANC_CODE = 'anc-2018-06'

export const LAYOUT_DEFINITIONS: LayoutDefinition[] = [
  {
    code: ANNUAL_REPORT_CODE,
    name: 'Rapport annuel (présentation de l’association)',
    kind: 'income_statement',
    validFromYear: 2020,
    lines: ANNUAL_INCOME,
  },
  {
    code: ANNUAL_REPORT_CODE,
    name: 'Rapport annuel (présentation de l’association)',
    kind: 'balance_sheet',
    validFromYear: 2020,
    lines: regroupLayout(ANC_BALANCE, ANNUAL_BALANCE_REGROUPING),
  },
  {
    code: ANC_CODE,
    name: 'Règlement ANC 2018-06',
    kind: 'income_statement',
    validFromYear: 2020,
    validToYear: 2024,
    lines: ancIncome(false),
  },
  {
    code: ANC_CODE,
    name: 'Règlement ANC 2018-06 (modifié ANC 2022-06)',
    kind: 'income_statement',
    validFromYear: 2025,
    lines: ancIncome(true),
  },
  {
    code: ANC_CODE,
    name: 'Règlement ANC 2018-06',
    kind: 'balance_sheet',
    validFromYear: 2020,
    lines: ANC_BALANCE,
  },
]

/**
 * Reclassement of accounts abolished by a new chart, for the N-1 column of a statement whose
 * layout no longer takes them (the previous year read through the current year's layout).
 *
 * ANC 2022-06 (fiscal years opened from 1 January 2025) abolishes the 79x "transferts de
 * charges": a transfer is now either deducted from the charge it transfers or recorded among the
 * "autres produits" of its nature. A 2024 balance on 791 cannot be traced back to the charge it
 * relieved, so it is shown where the 2025 layout puts "autres produits" (758 → RP6 "Autres
 * produits"), 796 with the produits financiers (768 → RPF), 797 with the produits exceptionnels
 * (778 → RPE). `to` is an account of the new chart: the line is found through the layout's own
 * ranges, so an adjusted layout keeps working; the N-1 account that no line takes even after its
 * reclassement is reported as unmapped, never dropped.
 */
export interface Reclassification {
  /** First fiscal year (end year) whose statements apply the reclassement to their N-1 column. */
  fromYear: number
  prefix: string
  to: string
  label: string
}

export const RECLASSIFICATIONS: Reclassification[] = [
  {
    fromYear: 2025,
    prefix: '791',
    to: '758',
    label: 'Transferts de charges d’exploitation → autres produits',
  },
  {
    fromYear: 2025,
    prefix: '796',
    to: '768',
    label: 'Transferts de charges financières → produits financiers',
  },
  {
    fromYear: 2025,
    prefix: '797',
    to: '778',
    label: 'Transferts de charges exceptionnelles → produits exceptionnels',
  },
]

/** The account an abolished N-1 account is read as in a statement of `year`, or null. */
export function reclassificationFor(year: number, number: string) {
  let best: Reclassification | null = null
  for (const r of RECLASSIFICATIONS) {
    if (r.fromYear > year || !number.startsWith(r.prefix)) continue
    if (!best || r.prefix.length > best.prefix.length) best = r
  }
  return best
}
