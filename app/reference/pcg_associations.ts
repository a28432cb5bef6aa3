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

/**
 * The chart, one account a line: its number, its label, and `[2025-]` or `[-2024]` when it
 * exists only from or until that year; `#` lines head the classes.
 */
const CHART = `
# Classe 1 : fonds propres, provisions, dettes financières
1     Comptes de fonds propres et assimilés
10    Fonds propres et réserves
102   Fonds propres sans droit de reprise
1021  Premières contributions sans droit de reprise
103   Fonds propres avec droit de reprise
1031  Contributions avec droit de reprise
106   Réserves
1063  Réserves statutaires ou contractuelles
1064  Réserves réglementées
1068  Réserves pour projet de l’entité
11    Report à nouveau
110   Report à nouveau (solde créditeur)
119   Report à nouveau (solde débiteur)
12    Excédent ou déficit de l’exercice
120   Excédent de l’exercice
129   Déficit de l’exercice
13    Subventions d’investissement
131   Subventions d’investissement reçues
139   Subventions d’investissement inscrites au compte de résultat
15    Provisions
151   Provisions pour risques
153   Provisions pour pensions et obligations similaires
158   Autres provisions pour charges
16    Emprunts et dettes assimilées
164   Emprunts auprès des établissements de crédit
165   Dépôts et cautionnements reçus
168   Autres emprunts et dettes assimilées
19    Fonds dédiés et reportés
191   Fonds reportés liés aux legs ou donations
194   Fonds dédiés sur subventions d’exploitation
195   Fonds dédiés sur contributions financières d’autres organismes
196   Fonds dédiés sur ressources liées à la générosité du public
# Classe 2 : immobilisations
2     Comptes d’immobilisations
20    Immobilisations incorporelles
205   Concessions, brevets, licences, logiciels
21    Immobilisations corporelles
211   Terrains
213   Constructions
2135  Installations générales, agencements des constructions
218   Autres immobilisations corporelles
2183  Matériel de bureau et matériel informatique
2184  Mobilier
2182  Matériel de transport
23    Immobilisations en cours
24    Biens reçus par legs ou donations destinés à être cédés
26    Participations et créances rattachées
27    Autres immobilisations financières
275   Dépôts et cautionnements versés
28    Amortissements des immobilisations
280   Amortissements des immobilisations incorporelles
281   Amortissements des immobilisations corporelles
29    Dépréciations des immobilisations
# Classe 3 : stocks
3     Comptes de stocks et en-cours
31    Matières premières et fournitures
37    Stocks de marchandises
# Classe 4 : tiers
4     Comptes de tiers
40    Fournisseurs et comptes rattachés
401   Fournisseurs
404   Fournisseurs d’immobilisations
408   Fournisseurs, factures non parvenues
409   Fournisseurs débiteurs
41    Usagers et comptes rattachés
411   Usagers, clients
416   Créances douteuses ou litigieuses
418   Produits non encore facturés
42    Personnel et comptes rattachés
421   Personnel, rémunérations dues
425   Personnel, avances et acomptes
428   Personnel, charges à payer
4282  Dettes provisionnées pour congés à payer
43    Sécurité sociale et autres organismes sociaux
431   Sécurité sociale
437   Autres organismes sociaux
438   Organismes sociaux, charges à payer et produits à recevoir
44    État et autres collectivités publiques
441   État et autres collectivités publiques, subventions à recevoir
443   Opérations particulières avec l’État et les collectivités
447   Autres impôts, taxes et versements assimilés
448   État, charges à payer et produits à recevoir
45    Confédération, fédération, union, associations affiliées
46    Débiteurs divers et créditeurs divers
467   Autres comptes débiteurs ou créditeurs
468   Divers, charges à payer et produits à recevoir
47    Comptes transitoires ou d’attente
471   Comptes d’attente
48    Comptes de régularisation
486   Charges constatées d’avance
487   Produits constatés d’avance
49    Dépréciations des comptes de tiers
491   Dépréciations des comptes d’usagers
# Classe 5 : financiers
5     Comptes financiers
50    Valeurs mobilières de placement
51    Banques, établissements financiers et assimilés
512   Banques
514   Chèques postaux
58    Virements internes
53    Caisse
531   Caisse
# Classe 6 : charges
6     Comptes de charges
60    Achats
601   Achats stockés, matières premières et fournitures
602   Achats stockés, autres approvisionnements
603   Variations des stocks
604   Achats d’études et prestations de services
606   Achats non stockés de matières et fournitures
6061  Fournitures non stockables (eau, énergie)
6064  Fournitures administratives
607   Achats de marchandises
609   Rabais, remises et ristournes obtenus sur achats
61    Services extérieurs
611   Sous-traitance générale
613   Locations
6132  Locations immobilières
6135  Locations mobilières
614   Charges locatives et de copropriété
615   Entretien et réparations
616   Primes d’assurance
618   Divers (documentation, colloques)
62    Autres services extérieurs
621   Personnel extérieur à l’entité
622   Rémunérations d’intermédiaires et honoraires
623   Publicité, publications, relations publiques
624   Transports de biens et transports collectifs du personnel
625   Déplacements, missions et réceptions
626   Frais postaux et de télécommunications
627   Services bancaires et assimilés
628   Divers (cotisations, formation)
63    Impôts, taxes et versements assimilés
631   Impôts, taxes et versements assimilés sur rémunérations (administration des impôts)
6311  Taxe sur les salaires
633   Impôts, taxes et versements assimilés sur rémunérations (autres organismes)
6333  Participation des employeurs à la formation professionnelle continue
635   Autres impôts, taxes et versements assimilés (administration des impôts)
637   Autres impôts, taxes et versements assimilés (autres organismes)
64    Charges de personnel
641   Rémunérations du personnel
6411  Salaires, appointements
6412  Congés payés
6414  Indemnités et avantages divers
645   Charges de sécurité sociale et de prévoyance
6451  Cotisations à l’URSSAF
6453  Cotisations aux caisses de retraite
6454  Cotisations à France Travail
647   Autres charges sociales
648   Autres charges de personnel
649   Remboursements de charges de personnel  [2025-]
65    Autres charges de gestion courante
651   Redevances pour concessions, brevets, licences, logiciels
654   Pertes sur créances irrécouvrables
657   Aides financières
658   Charges diverses de gestion courante
66    Charges financières
661   Charges d’intérêts
67    Charges exceptionnelles
671   Charges exceptionnelles sur opérations de gestion
675   Valeurs comptables des éléments d’actif cédés
68    Dotations aux amortissements, dépréciations et provisions
681   Dotations aux amortissements, dépréciations et provisions (exploitation)
6811  Dotations aux amortissements des immobilisations
6815  Dotations aux provisions d’exploitation
6816  Dotations pour dépréciations des immobilisations
6817  Dotations pour dépréciations des actifs circulants
686   Dotations aux amortissements, dépréciations et provisions (financières)
687   Dotations aux amortissements, dépréciations et provisions (exceptionnelles)
689   Reports en fonds dédiés
6894  Reports en fonds dédiés sur subventions d’exploitation
6895  Reports en fonds dédiés sur contributions financières d’autres organismes
6896  Reports en fonds dédiés sur ressources liées à la générosité du public
69    Impôts sur les bénéfices et assimilés
691   Participation des salariés aux résultats
695   Impôts sur les bénéfices
# Classe 7 : produits
7     Comptes de produits
70    Ventes de biens et services
706   Prestations de services
707   Ventes de marchandises
708   Produits des activités annexes
709   Rabais, remises et ristournes accordés
71    Production stockée (ou déstockage)
72    Production immobilisée
73    Concours publics
74    Subventions d’exploitation
741   Subventions d’exploitation de l’État
742   Subventions d’exploitation des régions
743   Subventions d’exploitation des départements
744   Subventions d’exploitation des communes et groupements
745   Subventions d’exploitation des organismes sociaux
746   Subventions d’exploitation de l’Union européenne
747   Quote-part des subventions d’investissement virée au résultat  [2025-]
748   Autres subventions d’exploitation
75    Autres produits de gestion courante
751   Redevances pour concessions, brevets, licences, logiciels
753   Ressources liées aux fondateurs
754   Ressources liées à la générosité du public
7541  Dons manuels
7542  Mécénats
7543  Legs, donations et assurances-vie
755   Contributions financières
756   Cotisations
7561  Cotisations sans contrepartie
7562  Cotisations avec contrepartie
757   Ressources liées aux legs et donations destinés à être cédés
758   Produits divers de gestion courante
76    Produits financiers
768   Autres produits financiers
77    Produits exceptionnels
771   Produits exceptionnels sur opérations de gestion
775   Produits des cessions d’éléments d’actif
777   Quote-part des subventions d’investissement virée au résultat de l’exercice  [-2024]
78    Reprises sur amortissements, dépréciations et provisions
781   Reprises sur amortissements, dépréciations et provisions (exploitation)
786   Reprises sur dépréciations et provisions (financières)
787   Reprises sur dépréciations et provisions (exceptionnelles)
789   Utilisations des fonds dédiés
7894  Utilisations des fonds dédiés sur subventions d’exploitation
7895  Utilisations des fonds dédiés sur contributions financières
7896  Utilisations des fonds dédiés sur ressources de la générosité du public
79    Transferts de charges  [-2024]
791   Transferts de charges d’exploitation  [-2024]
796   Transferts de charges financières  [-2024]
797   Transferts de charges exceptionnelles  [-2024]
# Classe 8 : contributions volontaires en nature
8     Comptes spéciaux
86    Emplois des contributions volontaires en nature
860   Secours en nature
861   Mise à disposition gratuite de biens
862   Prestations
864   Personnel bénévole
87    Contributions volontaires en nature
870   Dons en nature
871   Prestations en nature
875   Bénévolat
`

/** The accounts of a chart written as CHART is. */
function parseChart(text: string): ChartAccount[] {
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '' || line.startsWith('#')) return []
    const match = /^(\d+) +(.+?)(?: +\[(\d{4})?-(\d{4})?\])?$/.exec(line)
    if (!match) throw new Error(`Ligne du plan comptable illisible : ${line}`)
    const [, number, label, from, to] = match
    return [
      {
        number,
        label,
        ...(from ? { validFromYear: Number(from) } : {}),
        ...(to ? { validToYear: Number(to) } : {}),
      },
    ]
  })
}

export const PCG_ASSOCIATIONS: ChartAccount[] = parseChart(CHART)

/**
 * Accounts the 2025 chart (ANC 2022-06) abolishes for fiscal years opened from 1 January 2025,
 * and what replaces them (the end of each message naming the replacement). The year they stop
 * applying is the chart's own (`[-2024]` above).
 */
export const ABOLISHED_ACCOUNT_REPLACEMENTS: Record<string, string> = {
  '79': 'créditez directement le compte de charge concerné (649 pour les remboursements de personnel)',
  '791': 'créditez directement le compte de charge (649 pour les remboursements de personnel)',
  '796': 'créditez directement le compte de charge financière concerné (66)',
  '797': 'créditez directement le compte de charge exceptionnelle concerné (67)',
  '777': 'utilisez 747 (quote-part des subventions d’investissement virée au résultat)',
}

/**
 * The chart account abolished for fiscal years starting in `year` that `number` is or falls
 * under (the longest such prefix), with its replacement; null when `number` is allowed.
 */
export function abolishedAncestor(number: string, year: number) {
  const abolished = PCG_ASSOCIATIONS.filter(
    (account) =>
      account.validToYear !== undefined &&
      account.validToYear < year &&
      number.startsWith(account.number)
  ).sort((a, b) => b.number.length - a.number.length)[0]
  if (!abolished) return null
  const replacement =
    ABOLISHED_ACCOUNT_REPLACEMENTS[abolished.number] ??
    ABOLISHED_ACCOUNT_REPLACEMENTS[abolished.number.slice(0, 2)]
  return {
    number: abolished.number,
    fromYear: abolished.validToYear! + 1,
    message: `Le compte ${abolished.number} est supprimé à partir des exercices ${abolished.validToYear! + 1} (ANC 2022-06) : ${replacement}.`,
  }
}

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
