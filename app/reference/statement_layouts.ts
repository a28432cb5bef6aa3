/**
 * The statement layouts seeded for every organisation (notation: app/reference/layout_notation.ts):
 * the regulatory ANC 2018-06 layouts, and the association's annual-report layout (code
 * 'rapport-annuel', the presentation of the printed 2023 report).
 *
 * The annual-report balance sheet gathers lines of the ANC balance sheet (a regrouping table, so
 * that the account ranges are written once). Its income statement is not a regrouping of the ANC
 * one: it splits charges by account class (60, 61, 62...) and produits by funder family, across
 * the ANC lines, so it has ranges of its own.
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
  regroupLayout,
  sum,
  type LayoutDefinition,
  type LineDefinition,
  type RegroupedLine,
} from '#reference/layout_notation'

/** The association's annual-report layout (printed 2023 report): produits by funder family. */
const ANNUAL_INCOME: LineDefinition[] = [
  { code: 'CH', label: 'Charges', section: 'charges', kind: 'heading' },
  { code: 'C01', label: 'Achats', section: 'charges', ranges: '60' },
  { code: 'C02', label: 'Services extérieurs', section: 'charges', ranges: '61' },
  { code: 'C03', label: 'Autres services extérieurs', section: 'charges', ranges: '62' },
  { code: 'C04', label: 'Impôts et taxes', section: 'charges', ranges: '63' },
  {
    code: 'C04A',
    label: 'dont impôts et taxes sur masse salariale',
    section: 'charges',
    level: 2,
    ofWhich: true,
    ranges: '631 633',
  },
  { code: 'C05', label: 'Charges de personnel', section: 'charges', ranges: '64' },
  { code: 'C06', label: 'Autres charges de gestion courante', section: 'charges', ranges: '65' },
  {
    code: 'C07',
    label: 'Dotations aux amortissements et provisions',
    section: 'charges',
    formula: sum('C07A', 'C07B', 'C07C'),
  },
  {
    code: 'C07A',
    label: 'Dotations aux amortissements',
    section: 'charges',
    level: 2,
    ofWhich: true,
    ranges: '6811 6812',
  },
  {
    code: 'C07B',
    label: 'Autres provisions',
    section: 'charges',
    level: 2,
    ofWhich: true,
    ranges: '6815 6816 6817',
  },
  {
    code: 'C07C',
    label: 'Engagements à réaliser (fonds dédiés)',
    section: 'charges',
    level: 2,
    ofWhich: true,
    ranges: '689',
  },
  { code: 'C08', label: 'Charges financières', section: 'charges', ranges: '66 686' },
  { code: 'C09', label: 'Charges exceptionnelles', section: 'charges', ranges: '67 687' },
  { code: 'C10', label: 'Impôts sur les bénéfices', section: 'charges', ranges: '69' },
  {
    code: 'TC',
    label: 'Total des charges',
    section: 'charges',
    kind: 'total',
    formula: sum('C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10'),
  },
  { code: 'EXC', label: 'Excédent', section: 'resultat', kind: 'total', formula: 'max0(TP - TC)' },
  { code: 'PR', label: 'Produits', section: 'produits', kind: 'heading' },
  {
    code: 'P01',
    label: "Crédits d'État déconcentrés",
    section: 'produits',
    formula: sum('P01A', 'P01B', 'P01C', 'P01D', 'P01E'),
  },
  {
    code: 'P01A',
    label: 'DREETS/DEETS',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '7411',
  },
  {
    code: 'P01A1',
    label: 'dont Socle + OBF',
    section: 'produits',
    level: 3,
    ofWhich: true,
    ranges: '74111',
  },
  {
    code: 'P01A2',
    label: 'dont CEJ',
    section: 'produits',
    level: 3,
    ofWhich: true,
    ranges: '74112',
  },
  {
    code: 'P01B',
    label: 'Pôle Emploi',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '7412',
  },
  { code: 'P01C', label: 'PIC', section: 'produits', level: 2, ofWhich: true, ranges: '7413' },
  {
    code: 'P01D',
    label: 'Contrat de Ville',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '7414',
  },
  {
    code: 'P01E',
    label: 'Autres',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '741 -7411 -7412 -7413 -7414',
  },
  { code: 'P02', label: 'Fonds social européen', section: 'produits', ranges: '7461' },
  { code: 'P03', label: 'FEDER Interreg', section: 'produits', ranges: '7462' },
  {
    code: 'P04',
    label: 'Collectivités territoriales',
    section: 'produits',
    formula: sum('P04A', 'P04B', 'P04C', 'P04D'),
  },
  {
    code: 'P04A',
    label: 'Conseil Régional',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '742',
  },
  {
    code: 'P04B',
    label: 'Conseil Départemental',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '743',
  },
  {
    code: 'P04C',
    label: 'Rennes Métropole',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '7441',
  },
  {
    code: 'P04D',
    label: 'Autres EPCI',
    section: 'produits',
    level: 2,
    ofWhich: true,
    ranges: '744 -7441',
  },
  { code: 'P05', label: 'Subventions contrats aidés', section: 'produits', ranges: '7481' },
  {
    code: 'P06',
    label: 'TOTAL FONDS PUBLICS',
    section: 'produits',
    kind: 'subtotal',
    formula: sum('P01', 'P02', 'P03', 'P04', 'P05'),
  },
  {
    code: 'P07',
    label: 'Autres produits',
    section: 'produits',
    ranges: '70 71 72 73 74 -741 -742 -743 -744 -7461 -7462 -7481',
  },
  { code: 'P08', label: 'Autres produits de gestion courante', section: 'produits', ranges: '75' },
  { code: 'P09', label: 'Produits financiers', section: 'produits', ranges: '76 786' },
  { code: 'P10', label: 'Produits exceptionnels', section: 'produits', ranges: '77 787' },
  {
    code: 'P11',
    label: 'Reprises sur amortissements et provisions',
    section: 'produits',
    ranges: '781',
  },
  { code: 'P12', label: 'Reprise sur fonds dédiés', section: 'produits', ranges: '789' },
  { code: 'P13', label: 'Transferts de charges', section: 'produits', ranges: '79' },
  {
    code: 'TP',
    label: 'Total des produits',
    section: 'produits',
    kind: 'total',
    formula: sum('P06', 'P07', 'P08', 'P09', 'P10', 'P11', 'P12', 'P13'),
  },
  { code: 'DEF', label: 'Déficit', section: 'resultat', kind: 'total', formula: 'max0(TC - TP)' },
  {
    code: 'TCR',
    label: 'TOTAL COMPTE DE RÉSULTAT',
    section: 'resultat',
    kind: 'total',
    formula: 'TC + EXC',
  },
  {
    code: 'RES',
    label: 'Résultat de l’exercice (excédent + / déficit −)',
    section: 'resultat',
    kind: 'total',
    formula: 'TP - TC',
  },
]

/** ANC 2018-06 compte de résultat (domain.md §1.2). */
function ancIncome(from2025: boolean): LineDefinition[] {
  return [
    { code: 'PE', label: "Produits d'exploitation", section: 'produits', kind: 'heading' },
    { code: 'RP1', label: 'Cotisations', section: 'produits', ranges: '756' },
    { code: 'RP2', label: 'Ventes de biens et services', section: 'produits', ranges: '70' },
    {
      code: 'RP3',
      label: 'Produits de tiers financeurs',
      section: 'produits',
      formula: sum('RP3A', 'RP3B', 'RP3C', 'RP3D'),
    },
    {
      code: 'RP3A',
      label: "Concours publics et subventions d'exploitation",
      section: 'produits',
      level: 2,
      ofWhich: true,
      ranges: from2025 ? '73 74 -747' : '73 74',
    },
    {
      code: 'RP3B',
      label: 'Versements des fondateurs ou consommations de la dotation consomptible',
      section: 'produits',
      level: 2,
      ofWhich: true,
      ranges: '753',
    },
    {
      code: 'RP3C',
      label: 'Ressources liées à la générosité du public',
      section: 'produits',
      level: 2,
      ofWhich: true,
      ranges: '754',
    },
    {
      code: 'RP3D',
      label: 'Contributions financières',
      section: 'produits',
      level: 2,
      ofWhich: true,
      ranges: '755',
    },
    {
      code: 'RP4',
      label: from2025
        ? 'Reprises sur amortissements, dépréciations et provisions'
        : 'Reprises sur amortissements, dépréciations, provisions et transferts de charges',
      section: 'produits',
      ranges: from2025 ? '781' : '781 791',
    },
    { code: 'RP5', label: 'Utilisations des fonds dédiés', section: 'produits', ranges: '789' },
    {
      code: 'RP6',
      label: 'Autres produits',
      section: 'produits',
      ranges: from2025 ? '751 752 757 758 71 72 747' : '751 752 757 758 71 72',
    },
    {
      code: 'RPT',
      label: "Total I — Produits d'exploitation",
      section: 'produits',
      kind: 'subtotal',
      formula: sum('RP1', 'RP2', 'RP3', 'RP4', 'RP5', 'RP6'),
    },
    { code: 'CE', label: "Charges d'exploitation", section: 'charges', kind: 'heading' },
    {
      code: 'RC1',
      label: "Achats de marchandises et d'approvisionnements (y compris variation de stocks)",
      section: 'charges',
      ranges: '601 602 603 607',
    },
    {
      code: 'RC2',
      label: 'Autres achats et charges externes',
      section: 'charges',
      ranges: '604 605 606 608 609 61 62',
    },
    { code: 'RC3', label: 'Aides financières', section: 'charges', ranges: '657' },
    {
      code: 'RC4',
      label: 'Impôts, taxes et versements assimilés',
      section: 'charges',
      ranges: '63',
    },
    {
      code: 'RC5',
      label: 'Salaires et traitements',
      section: 'charges',
      ranges: '641 642 643 644 648 649',
    },
    { code: 'RC6', label: 'Charges sociales', section: 'charges', ranges: '645 646 647' },
    {
      code: 'RC7',
      label: 'Dotations aux amortissements et aux dépréciations',
      section: 'charges',
      ranges: '6811 6812 6816 6817',
    },
    { code: 'RC8', label: 'Dotations aux provisions', section: 'charges', ranges: '6815' },
    { code: 'RC9', label: 'Reports en fonds dédiés', section: 'charges', ranges: '689' },
    { code: 'RC10', label: 'Autres charges', section: 'charges', ranges: '65 -657' },
    {
      code: 'RCT',
      label: "Total II — Charges d'exploitation",
      section: 'charges',
      kind: 'subtotal',
      formula: sum('RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9', 'RC10'),
    },
    {
      code: 'R1',
      label: "1. Résultat d'exploitation (I − II)",
      section: 'resultat',
      kind: 'subtotal',
      formula: 'RPT - RCT',
    },
    {
      code: 'RPF',
      label: 'Produits financiers',
      section: 'produits',
      ranges: from2025 ? '76 786' : '76 786 796',
    },
    { code: 'RCF', label: 'Charges financières', section: 'charges', ranges: '66 686' },
    {
      code: 'R2',
      label: '2. Résultat financier',
      section: 'resultat',
      kind: 'subtotal',
      formula: 'RPF - RCF',
    },
    {
      code: 'R3',
      label: '3. Résultat courant avant impôts (1 + 2)',
      section: 'resultat',
      kind: 'subtotal',
      formula: 'R1 + R2',
    },
    {
      code: 'RPE',
      label: 'Produits exceptionnels',
      section: 'produits',
      ranges: from2025 ? '77 787' : '77 787 797',
    },
    { code: 'RCE', label: 'Charges exceptionnelles', section: 'charges', ranges: '67 687' },
    {
      code: 'R4',
      label: '4. Résultat exceptionnel',
      section: 'resultat',
      kind: 'subtotal',
      formula: 'RPE - RCE',
    },
    {
      code: 'RIS',
      label: 'Impôts sur les bénéfices et participation',
      section: 'charges',
      ranges: '69',
    },
    {
      code: 'TP',
      label: 'Total des produits',
      section: 'produits',
      kind: 'total',
      formula: 'RPT + RPF + RPE',
    },
    {
      code: 'TC',
      label: 'Total des charges',
      section: 'charges',
      kind: 'total',
      formula: 'RCT + RCF + RCE + RIS',
    },
    {
      code: 'RES',
      label: 'Excédent ou déficit',
      section: 'resultat',
      kind: 'total',
      formula: 'TP - TC',
    },
    {
      code: 'CVN',
      label: 'Contributions volontaires en nature',
      section: 'resultat',
      kind: 'heading',
    },
    {
      code: 'CVNP',
      label: 'Produits : contributions volontaires en nature (87)',
      section: 'produits',
      ranges: '87',
    },
    {
      code: 'CVNC',
      label: 'Charges : emplois des contributions volontaires en nature (86)',
      section: 'charges',
      ranges: '86',
    },
  ]
}

/** ANC 2018-06 bilan (domain.md §1.2). */
const ANC_BALANCE: LineDefinition[] = [
  { code: 'ACTIF', label: 'Actif', section: 'actif', kind: 'heading' },
  {
    code: 'A01',
    label: 'Immobilisations incorporelles',
    section: 'actif',
    ranges: '20 280:A 290:A',
  },
  {
    code: 'A02',
    label: 'Immobilisations corporelles',
    section: 'actif',
    ranges: '21 22 23 281:A 282:A 291:A 293:A',
  },
  {
    code: 'A03',
    label: 'Biens reçus par legs ou donations destinés à être cédés',
    section: 'actif',
    ranges: '24',
  },
  {
    code: 'A04',
    label: 'Immobilisations financières',
    section: 'actif',
    ranges: '26 27 296:A 297:A',
  },
  {
    code: 'AT1',
    label: 'Total I — Actif immobilisé',
    section: 'actif',
    kind: 'subtotal',
    formula: sum('A01', 'A02', 'A03', 'A04'),
  },
  { code: 'A05', label: 'Stocks et en-cours', section: 'actif', ranges: '3 39:A' },
  {
    code: 'A06',
    label: 'Créances usagers et comptes rattachés',
    section: 'actif',
    ranges: '41:D 491:A',
  },
  {
    code: 'A07',
    label: 'Autres créances',
    section: 'actif',
    ranges: '40:D 42:D 43:D 44:D 45:D 46:D 47:D 49:A -491',
  },
  { code: 'A08', label: 'Valeurs mobilières de placement', section: 'actif', ranges: '50 59:A' },
  { code: 'A09', label: 'Disponibilités', section: 'actif', ranges: '51:D 52:D 53 54 58' },
  { code: 'A10', label: "Charges constatées d'avance", section: 'actif', ranges: '486' },
  {
    code: 'AT2',
    label: 'Total II — Actif circulant',
    section: 'actif',
    kind: 'subtotal',
    formula: sum('A05', 'A06', 'A07', 'A08', 'A09', 'A10'),
  },
  {
    code: 'AT',
    label: "TOTAL GÉNÉRAL DE L'ACTIF",
    section: 'actif',
    kind: 'total',
    formula: sum('AT1', 'AT2'),
  },
  { code: 'PASSIF', label: 'Passif', section: 'passif', kind: 'heading' },
  {
    code: 'F01',
    label: 'Fonds propres sans droit de reprise',
    section: 'passif',
    ranges: '10 -103 -105 -106',
  },
  { code: 'F02', label: 'Fonds propres avec droit de reprise', section: 'passif', ranges: '103' },
  { code: 'F03', label: 'Écarts de réévaluation', section: 'passif', ranges: '105' },
  { code: 'F04', label: 'Réserves', section: 'passif', ranges: '106' },
  { code: 'F05', label: 'Report à nouveau', section: 'passif', ranges: '11' },
  {
    code: 'F06',
    label: "Excédent ou déficit de l'exercice",
    section: 'passif',
    ranges: '12 6 7 8',
  },
  {
    code: 'FSN',
    label: 'Situation nette (sous-total)',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('F01', 'F02', 'F03', 'F04', 'F05', 'F06'),
  },
  { code: 'F07', label: "Subventions d'investissement", section: 'passif', ranges: '13' },
  { code: 'F08', label: 'Provisions réglementées', section: 'passif', ranges: '14' },
  {
    code: 'FT1',
    label: 'Total I — Fonds propres',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('FSN', 'F07', 'F08'),
  },
  { code: 'F09', label: 'Fonds reportés et dédiés', section: 'passif', ranges: '19' },
  {
    code: 'FT2',
    label: 'Total II — Fonds reportés et dédiés',
    section: 'passif',
    kind: 'subtotal',
    formula: 'F09',
  },
  { code: 'F10', label: 'Provisions pour risques et charges', section: 'passif', ranges: '15' },
  {
    code: 'FT3',
    label: 'Total III — Provisions',
    section: 'passif',
    kind: 'subtotal',
    formula: 'F10',
  },
  {
    code: 'F11',
    label: 'Emprunts et dettes auprès des établissements de crédit',
    section: 'passif',
    ranges: '16 51:C 52:C',
  },
  {
    code: 'F12',
    label: 'Dettes fournisseurs et comptes rattachés',
    section: 'passif',
    ranges: '40:C',
  },
  {
    code: 'F13',
    label: 'Dettes fiscales et sociales',
    section: 'passif',
    ranges: '42:C 43:C 44:C',
  },
  { code: 'F14', label: 'Autres dettes', section: 'passif', ranges: '41:C 45:C 46:C 47:C' },
  { code: 'F15', label: "Produits constatés d'avance", section: 'passif', ranges: '487' },
  {
    code: 'FT4',
    label: 'Total IV — Dettes',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('F11', 'F12', 'F13', 'F14', 'F15'),
  },
  {
    code: 'FT',
    label: 'TOTAL GÉNÉRAL DU PASSIF',
    section: 'passif',
    kind: 'total',
    formula: sum('FT1', 'FT2', 'FT3', 'FT4'),
  },
]

/**
 * The association's balance sheet (annual report) as a regrouping of the ANC lines: fixed assets
 * of legs with the tangible ones, one line of créances, fonds propres in one line apart from the
 * investment subsidies allocated to renewable assets (1026), provisions réglementées with the
 * investment subsidies, provisions before fonds dédiés, produits constatés d'avance after the
 * debts.
 */
export const ANNUAL_BALANCE_REGROUPING: RegroupedLine[] = [
  { code: 'ACTIF', label: 'Actif', section: 'actif', kind: 'heading' },
  { code: 'A01', from: ['A01'] },
  { code: 'A02', from: ['A02', 'A03'], label: 'Immobilisations corporelles' },
  { code: 'A03', from: ['A04'] },
  {
    code: 'AT1',
    label: 'Total I — Actif immobilisé',
    section: 'actif',
    kind: 'subtotal',
    formula: sum('A01', 'A02', 'A03'),
  },
  { code: 'A04', from: ['A05'] },
  { code: 'A05', from: ['A06', 'A07'], label: 'Créances' },
  { code: 'A06', from: ['A08'] },
  { code: 'A07', from: ['A09'] },
  { code: 'A08', from: ['A10'] },
  {
    code: 'AT2',
    label: 'Total II — Actif circulant',
    section: 'actif',
    kind: 'subtotal',
    formula: sum('A04', 'A05', 'A06', 'A07', 'A08'),
  },
  {
    code: 'AT',
    label: "TOTAL GÉNÉRAL DE L'ACTIF",
    section: 'actif',
    kind: 'total',
    formula: sum('AT1', 'AT2'),
  },
  { code: 'PASSIF', label: 'Passif', section: 'passif', kind: 'heading' },
  {
    code: 'F01',
    from: ['F01', 'F02', 'F03', 'F04'],
    ranges: '-1026',
    label: 'Fonds associatifs sans droit de reprise',
  },
  {
    code: 'F02',
    label: "Subventions d'investissement affectées",
    section: 'passif',
    ranges: '1026',
  },
  { code: 'F03', from: ['F05'] },
  { code: 'F04', from: ['F06'], label: "Résultat de l'exercice" },
  {
    code: 'FSN',
    label: 'Situation nette',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('F01', 'F02', 'F03', 'F04'),
  },
  { code: 'F05', from: ['F07', 'F08'], label: "Subventions d'investissement" },
  {
    code: 'FT1',
    label: 'Total I — Fonds associatifs',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('FSN', 'F05'),
  },
  { code: 'F06', from: ['F10'], label: 'Provisions pour risques' },
  { code: 'F07', from: ['F09'], label: 'Fonds dédiés' },
  {
    code: 'FT2',
    label: 'Total II — Provisions et fonds dédiés',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('F06', 'F07'),
  },
  { code: 'F08', from: ['F11'] },
  { code: 'F09', from: ['F12'] },
  { code: 'F10', from: ['F13'] },
  { code: 'F11', from: ['F14'] },
  {
    code: 'FT3',
    label: 'Total III — Dettes',
    section: 'passif',
    kind: 'subtotal',
    formula: sum('F08', 'F09', 'F10', 'F11'),
  },
  { code: 'F12', from: ['F15'] },
  {
    code: 'FT',
    label: 'TOTAL GÉNÉRAL DU PASSIF',
    section: 'passif',
    kind: 'total',
    formula: sum('FT1', 'FT2', 'FT3', 'F12'),
  },
]

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
