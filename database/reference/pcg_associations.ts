import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Chart of accounts of associations: PCG (ANC 2014-03) with the association-specific accounts of
 * ANC 2018-06, versioned by the calendar year a fiscal year starts in (ANC 2022-06 applies to
 * fiscal years opened from 1 January 2025: 79x "transferts de charges" abolished, release of
 * investment subsidies moved from 777 to 747).
 */
export interface ChartAccount {
  number: string
  label: string
  validFromYear?: number
  validToYear?: number
}

export const PCG_ASSOCIATIONS: ChartAccount[] = [
  // Classe 1 : fonds propres, provisions, dettes financières
  { number: '1', label: 'Comptes de fonds propres et assimilés' },
  { number: '10', label: 'Fonds propres et réserves' },
  { number: '102', label: 'Fonds propres sans droit de reprise' },
  { number: '1021', label: 'Premières contributions sans droit de reprise' },
  { number: '103', label: 'Fonds propres avec droit de reprise' },
  { number: '1031', label: 'Contributions avec droit de reprise' },
  { number: '106', label: 'Réserves' },
  { number: '1063', label: 'Réserves statutaires ou contractuelles' },
  { number: '1064', label: 'Réserves réglementées' },
  { number: '1068', label: 'Réserves pour projet de l\u2019entité' },
  { number: '11', label: 'Report à nouveau' },
  { number: '110', label: 'Report à nouveau (solde créditeur)' },
  { number: '119', label: 'Report à nouveau (solde débiteur)' },
  { number: '12', label: 'Excédent ou déficit de l\u2019exercice' },
  { number: '120', label: 'Excédent de l\u2019exercice' },
  { number: '129', label: 'Déficit de l\u2019exercice' },
  { number: '13', label: 'Subventions d\u2019investissement' },
  { number: '131', label: 'Subventions d\u2019investissement reçues' },
  { number: '139', label: 'Subventions d\u2019investissement inscrites au compte de résultat' },
  { number: '15', label: 'Provisions' },
  { number: '151', label: 'Provisions pour risques' },
  { number: '153', label: 'Provisions pour pensions et obligations similaires' },
  { number: '158', label: 'Autres provisions pour charges' },
  { number: '16', label: 'Emprunts et dettes assimilées' },
  { number: '164', label: 'Emprunts auprès des établissements de crédit' },
  { number: '165', label: 'Dépôts et cautionnements reçus' },
  { number: '168', label: 'Autres emprunts et dettes assimilées' },
  { number: '19', label: 'Fonds dédiés et reportés' },
  { number: '191', label: 'Fonds reportés liés aux legs ou donations' },
  { number: '194', label: 'Fonds dédiés sur subventions d\u2019exploitation' },
  { number: '195', label: 'Fonds dédiés sur contributions financières d\u2019autres organismes' },
  { number: '196', label: 'Fonds dédiés sur ressources liées à la générosité du public' },
  // Classe 2 : immobilisations
  { number: '2', label: 'Comptes d\u2019immobilisations' },
  { number: '20', label: 'Immobilisations incorporelles' },
  { number: '205', label: 'Concessions, brevets, licences, logiciels' },
  { number: '21', label: 'Immobilisations corporelles' },
  { number: '211', label: 'Terrains' },
  { number: '213', label: 'Constructions' },
  { number: '2135', label: 'Installations générales, agencements des constructions' },
  { number: '218', label: 'Autres immobilisations corporelles' },
  { number: '2183', label: 'Matériel de bureau et matériel informatique' },
  { number: '2184', label: 'Mobilier' },
  { number: '2182', label: 'Matériel de transport' },
  { number: '23', label: 'Immobilisations en cours' },
  { number: '24', label: 'Biens reçus par legs ou donations destinés à être cédés' },
  { number: '26', label: 'Participations et créances rattachées' },
  { number: '27', label: 'Autres immobilisations financières' },
  { number: '275', label: 'Dépôts et cautionnements versés' },
  { number: '28', label: 'Amortissements des immobilisations' },
  { number: '280', label: 'Amortissements des immobilisations incorporelles' },
  { number: '281', label: 'Amortissements des immobilisations corporelles' },
  { number: '29', label: 'Dépréciations des immobilisations' },
  // Classe 3 : stocks
  { number: '3', label: 'Comptes de stocks et en-cours' },
  { number: '31', label: 'Matières premières et fournitures' },
  { number: '37', label: 'Stocks de marchandises' },
  // Classe 4 : tiers
  { number: '4', label: 'Comptes de tiers' },
  { number: '40', label: 'Fournisseurs et comptes rattachés' },
  { number: '401', label: 'Fournisseurs' },
  { number: '404', label: 'Fournisseurs d\u2019immobilisations' },
  { number: '408', label: 'Fournisseurs, factures non parvenues' },
  { number: '409', label: 'Fournisseurs débiteurs' },
  { number: '41', label: 'Usagers et comptes rattachés' },
  { number: '411', label: 'Usagers, clients' },
  { number: '416', label: 'Créances douteuses ou litigieuses' },
  { number: '418', label: 'Produits non encore facturés' },
  { number: '42', label: 'Personnel et comptes rattachés' },
  { number: '421', label: 'Personnel, rémunérations dues' },
  { number: '425', label: 'Personnel, avances et acomptes' },
  { number: '428', label: 'Personnel, charges à payer' },
  { number: '4282', label: 'Dettes provisionnées pour congés à payer' },
  { number: '43', label: 'Sécurité sociale et autres organismes sociaux' },
  { number: '431', label: 'Sécurité sociale' },
  { number: '437', label: 'Autres organismes sociaux' },
  { number: '438', label: 'Organismes sociaux, charges à payer et produits à recevoir' },
  { number: '44', label: 'État et autres collectivités publiques' },
  { number: '441', label: 'État et autres collectivités publiques, subventions à recevoir' },
  { number: '443', label: 'Opérations particulières avec l\u2019État et les collectivités' },
  { number: '447', label: 'Autres impôts, taxes et versements assimilés' },
  { number: '448', label: 'État, charges à payer et produits à recevoir' },
  { number: '45', label: 'Confédération, fédération, union, associations affiliées' },
  { number: '46', label: 'Débiteurs divers et créditeurs divers' },
  { number: '467', label: 'Autres comptes débiteurs ou créditeurs' },
  { number: '468', label: 'Divers, charges à payer et produits à recevoir' },
  { number: '47', label: 'Comptes transitoires ou d\u2019attente' },
  { number: '471', label: 'Comptes d\u2019attente' },
  { number: '48', label: 'Comptes de régularisation' },
  { number: '486', label: 'Charges constatées d\u2019avance' },
  { number: '487', label: 'Produits constatés d\u2019avance' },
  { number: '49', label: 'Dépréciations des comptes de tiers' },
  { number: '491', label: 'Dépréciations des comptes d\u2019usagers' },
  // Classe 5 : financiers
  { number: '5', label: 'Comptes financiers' },
  { number: '50', label: 'Valeurs mobilières de placement' },
  { number: '51', label: 'Banques, établissements financiers et assimilés' },
  { number: '512', label: 'Banques' },
  { number: '514', label: 'Chèques postaux' },
  { number: '58', label: 'Virements internes' },
  { number: '53', label: 'Caisse' },
  { number: '531', label: 'Caisse' },
  // Classe 6 : charges
  { number: '6', label: 'Comptes de charges' },
  { number: '60', label: 'Achats' },
  { number: '601', label: 'Achats stockés, matières premières et fournitures' },
  { number: '602', label: 'Achats stockés, autres approvisionnements' },
  { number: '603', label: 'Variations des stocks' },
  { number: '604', label: 'Achats d\u2019études et prestations de services' },
  { number: '606', label: 'Achats non stockés de matières et fournitures' },
  { number: '6061', label: 'Fournitures non stockables (eau, énergie)' },
  { number: '6064', label: 'Fournitures administratives' },
  { number: '607', label: 'Achats de marchandises' },
  { number: '609', label: 'Rabais, remises et ristournes obtenus sur achats' },
  { number: '61', label: 'Services extérieurs' },
  { number: '611', label: 'Sous-traitance générale' },
  { number: '613', label: 'Locations' },
  { number: '6132', label: 'Locations immobilières' },
  { number: '6135', label: 'Locations mobilières' },
  { number: '614', label: 'Charges locatives et de copropriété' },
  { number: '615', label: 'Entretien et réparations' },
  { number: '616', label: 'Primes d\u2019assurance' },
  { number: '618', label: 'Divers (documentation, colloques)' },
  { number: '62', label: 'Autres services extérieurs' },
  { number: '621', label: 'Personnel extérieur à l\u2019entité' },
  { number: '622', label: 'Rémunérations d\u2019intermédiaires et honoraires' },
  { number: '623', label: 'Publicité, publications, relations publiques' },
  { number: '624', label: 'Transports de biens et transports collectifs du personnel' },
  { number: '625', label: 'Déplacements, missions et réceptions' },
  { number: '626', label: 'Frais postaux et de télécommunications' },
  { number: '627', label: 'Services bancaires et assimilés' },
  { number: '628', label: 'Divers (cotisations, formation)' },
  { number: '63', label: 'Impôts, taxes et versements assimilés' },
  {
    number: '631',
    label: 'Impôts, taxes et versements assimilés sur rémunérations (administration des impôts)',
  },
  { number: '6311', label: 'Taxe sur les salaires' },
  {
    number: '633',
    label: 'Impôts, taxes et versements assimilés sur rémunérations (autres organismes)',
  },
  { number: '6333', label: 'Participation des employeurs à la formation professionnelle continue' },
  {
    number: '635',
    label: 'Autres impôts, taxes et versements assimilés (administration des impôts)',
  },
  { number: '637', label: 'Autres impôts, taxes et versements assimilés (autres organismes)' },
  { number: '64', label: 'Charges de personnel' },
  { number: '641', label: 'Rémunérations du personnel' },
  { number: '6411', label: 'Salaires, appointements' },
  { number: '6412', label: 'Congés payés' },
  { number: '6414', label: 'Indemnités et avantages divers' },
  { number: '645', label: 'Charges de sécurité sociale et de prévoyance' },
  { number: '6451', label: 'Cotisations à l\u2019URSSAF' },
  { number: '6453', label: 'Cotisations aux caisses de retraite' },
  { number: '6454', label: 'Cotisations à France Travail' },
  { number: '647', label: 'Autres charges sociales' },
  { number: '648', label: 'Autres charges de personnel' },
  { number: '649', label: 'Remboursements de charges de personnel', validFromYear: 2025 },
  { number: '65', label: 'Autres charges de gestion courante' },
  { number: '651', label: 'Redevances pour concessions, brevets, licences, logiciels' },
  { number: '654', label: 'Pertes sur créances irrécouvrables' },
  { number: '657', label: 'Aides financières' },
  { number: '658', label: 'Charges diverses de gestion courante' },
  { number: '66', label: 'Charges financières' },
  { number: '661', label: 'Charges d\u2019intérêts' },
  { number: '67', label: 'Charges exceptionnelles' },
  { number: '671', label: 'Charges exceptionnelles sur opérations de gestion' },
  { number: '675', label: 'Valeurs comptables des éléments d\u2019actif cédés' },
  { number: '68', label: 'Dotations aux amortissements, dépréciations et provisions' },
  {
    number: '681',
    label: 'Dotations aux amortissements, dépréciations et provisions (exploitation)',
  },
  { number: '6811', label: 'Dotations aux amortissements des immobilisations' },
  { number: '6815', label: 'Dotations aux provisions d\u2019exploitation' },
  { number: '6816', label: 'Dotations pour dépréciations des immobilisations' },
  { number: '6817', label: 'Dotations pour dépréciations des actifs circulants' },
  {
    number: '686',
    label: 'Dotations aux amortissements, dépréciations et provisions (financières)',
  },
  {
    number: '687',
    label: 'Dotations aux amortissements, dépréciations et provisions (exceptionnelles)',
  },
  { number: '689', label: 'Reports en fonds dédiés' },
  { number: '6894', label: 'Reports en fonds dédiés sur subventions d\u2019exploitation' },
  {
    number: '6895',
    label: 'Reports en fonds dédiés sur contributions financières d\u2019autres organismes',
  },
  {
    number: '6896',
    label: 'Reports en fonds dédiés sur ressources liées à la générosité du public',
  },
  { number: '69', label: 'Impôts sur les bénéfices et assimilés' },
  { number: '691', label: 'Participation des salariés aux résultats' },
  { number: '695', label: 'Impôts sur les bénéfices' },
  // Classe 7 : produits
  { number: '7', label: 'Comptes de produits' },
  { number: '70', label: 'Ventes de biens et services' },
  { number: '706', label: 'Prestations de services' },
  { number: '707', label: 'Ventes de marchandises' },
  { number: '708', label: 'Produits des activités annexes' },
  { number: '709', label: 'Rabais, remises et ristournes accordés' },
  { number: '71', label: 'Production stockée (ou déstockage)' },
  { number: '72', label: 'Production immobilisée' },
  { number: '73', label: 'Concours publics' },
  { number: '74', label: 'Subventions d\u2019exploitation' },
  { number: '741', label: 'Subventions d\u2019exploitation de l\u2019État' },
  { number: '742', label: 'Subventions d\u2019exploitation des régions' },
  { number: '743', label: 'Subventions d\u2019exploitation des départements' },
  { number: '744', label: 'Subventions d\u2019exploitation des communes et groupements' },
  { number: '745', label: 'Subventions d\u2019exploitation des organismes sociaux' },
  { number: '746', label: 'Subventions d\u2019exploitation de l\u2019Union européenne' },
  {
    number: '747',
    label: 'Quote-part des subventions d\u2019investissement virée au résultat',
    validFromYear: 2025,
  },
  { number: '748', label: 'Autres subventions d\u2019exploitation' },
  { number: '75', label: 'Autres produits de gestion courante' },
  { number: '751', label: 'Redevances pour concessions, brevets, licences, logiciels' },
  { number: '753', label: 'Ressources liées aux fondateurs' },
  { number: '754', label: 'Ressources liées à la générosité du public' },
  { number: '7541', label: 'Dons manuels' },
  { number: '7542', label: 'Mécénats' },
  { number: '7543', label: 'Legs, donations et assurances-vie' },
  { number: '755', label: 'Contributions financières' },
  { number: '756', label: 'Cotisations' },
  { number: '7561', label: 'Cotisations sans contrepartie' },
  { number: '7562', label: 'Cotisations avec contrepartie' },
  { number: '757', label: 'Ressources liées aux legs et donations destinés à être cédés' },
  { number: '758', label: 'Produits divers de gestion courante' },
  { number: '76', label: 'Produits financiers' },
  { number: '768', label: 'Autres produits financiers' },
  { number: '77', label: 'Produits exceptionnels' },
  { number: '771', label: 'Produits exceptionnels sur opérations de gestion' },
  { number: '775', label: 'Produits des cessions d\u2019éléments d\u2019actif' },
  {
    number: '777',
    label: 'Quote-part des subventions d\u2019investissement virée au résultat de l\u2019exercice',
    validToYear: 2024,
  },
  { number: '78', label: 'Reprises sur amortissements, dépréciations et provisions' },
  {
    number: '781',
    label: 'Reprises sur amortissements, dépréciations et provisions (exploitation)',
  },
  { number: '786', label: 'Reprises sur dépréciations et provisions (financières)' },
  { number: '787', label: 'Reprises sur dépréciations et provisions (exceptionnelles)' },
  { number: '789', label: 'Utilisations des fonds dédiés' },
  { number: '7894', label: 'Utilisations des fonds dédiés sur subventions d\u2019exploitation' },
  { number: '7895', label: 'Utilisations des fonds dédiés sur contributions financières' },
  {
    number: '7896',
    label: 'Utilisations des fonds dédiés sur ressources de la générosité du public',
  },
  { number: '79', label: 'Transferts de charges', validToYear: 2024 },
  { number: '791', label: 'Transferts de charges d\u2019exploitation', validToYear: 2024 },
  { number: '796', label: 'Transferts de charges financières', validToYear: 2024 },
  { number: '797', label: 'Transferts de charges exceptionnelles', validToYear: 2024 },
  // Classe 8 : contributions volontaires en nature
  { number: '8', label: 'Comptes spéciaux' },
  { number: '86', label: 'Emplois des contributions volontaires en nature' },
  { number: '860', label: 'Secours en nature' },
  { number: '861', label: 'Mise à disposition gratuite de biens' },
  { number: '862', label: 'Prestations' },
  { number: '864', label: 'Personnel bénévole' },
  { number: '87', label: 'Contributions volontaires en nature' },
  { number: '870', label: 'Dons en nature' },
  { number: '871', label: 'Prestations en nature' },
  { number: '875', label: 'Bénévolat' },
]

/** Usual journals of an association. */
export const DEFAULT_JOURNALS = [
  { code: 'AN', label: 'À-nouveaux' },
  { code: 'AC', label: 'Achats' },
  { code: 'VE', label: 'Ventes et produits' },
  { code: 'BQ', label: 'Banque' },
  { code: 'CA', label: 'Caisse' },
  { code: 'SA', label: 'Salaires' },
  { code: 'OD', label: 'Opérations diverses' },
]

/** Number of the longest existing account that prefixes `number` (its parent), or null. */
export function longestPrefixParent(number: string, known: Iterable<string>) {
  let best: string | null = null
  for (const candidate of known) {
    if (
      candidate.length < number.length &&
      number.startsWith(candidate) &&
      (best === null || candidate.length > best.length)
    ) {
      best = candidate
    }
  }
  return best
}

/**
 * Seeds the association chart and the usual journals for one organisation (idempotent: existing
 * numbers and codes are kept). Inserted in prefix order so each account finds its parent.
 */
export async function seedChartOfAccounts(organisationId: number, trx: TransactionClientContract) {
  const existing = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .select('id', 'number')
  const ids = new Map<string, number>(existing.map((row) => [row.number, row.id]))
  const sorted = [...PCG_ASSOCIATIONS].sort((a, b) => a.number.length - b.number.length)
  for (const account of sorted) {
    if (ids.has(account.number)) continue
    const parent = longestPrefixParent(account.number, ids.keys())
    const [row] = await trx
      .insertQuery()
      .table('accounts')
      .insert({
        organisation_id: organisationId,
        number: account.number,
        label: account.label,
        parent_id: parent ? ids.get(parent) : null,
        is_system: true,
        valid_from_year: account.validFromYear ?? null,
        valid_to_year: account.validToYear ?? null,
      })
      .returning('id')
    ids.set(account.number, row.id ?? row)
  }
  for (const journal of DEFAULT_JOURNALS) {
    await trx
      .insertQuery()
      .table('journals')
      .insert({ organisation_id: organisationId, ...journal })
      .onConflict(['organisation_id', 'code'])
      .ignore()
  }
  return ids
}
