/**
 * How the reference report file (rapport-2023.json) names what Socle stores: programme codes
 * of the programme table, the programme pages, the key figures and outcomes. Used by the demo
 * seeder to load it and by the published checks to find what each printed line refers to.
 */

/** Programme codes of the report's programme table, in its order. */
export const PROGRAMME_CODES: Record<string, string> = {
  "Contrat d'Engagement Jeune (CEJ)": 'CEJ',
  'PACEA': 'PACEA',
  'Parrainage': 'PARRAINAGE',
  'PPAE': 'PPAE',
  'Accompagnement des BRSA': 'BRSA',
  'Melting Breizh': 'MELTING_BREIZH',
  "Start'App 35": 'START_APP_35',
  'Accompagnement à la qualification (AAQ)': 'AAQ',
  '100 Chances - 100 Emplois': 'CENT_CHANCES',
  "FSE Emploi (accompagnement renforcé vers l'emploi)": 'FSE_EMPLOI',
  'Club des Jeunes diplômés (QPV)': 'CLUB_JEUNES_DIPLOMES',
  'CAP Jeunes': 'CAP_JEUNES',
  'Groupement de créateurs': 'GROUPEMENT_CREATEURS',
  'Dedans/Dehors - jeunes sous main de justice': 'DEDANS_DEHORS',
  "Lutte contre l'Illettrisme": 'ILLETTRISME',
  'Plateforme mobilité': 'PLATEFORME_MOBILITE',
  'Accompagnement des jeunes bénéficiaires du PLIE': 'PLIE',
  'Sortir de la rue': 'SORTIR_DE_LA_RUE',
  'Bénéficiaires de la protection internationale': 'BPI',
  'Equipe santé': 'EQUIPE_SANTE',
  'Cités Labs': 'CITES_LABS',
}

/** Figures of a programme page that split its people by level of qualification. */
export const DETAIL_LEVELS: Record<string, string> = {
  no_qualification: 'Sans qualification',
  level_3: 'Niveau 3',
  level_4: 'Niveau 4',
  above_bac: 'Supérieur au bac',
}

/** Programme detail pages: which programme they describe and which figure counts its people. */
export const DETAIL_PAGES: Record<string, { code: string; name?: string; supported?: string }> = {
  'CEJ': { code: 'CEJ' },
  'CEJ jeunes en rupture': { code: 'CEJ_RUPTURE', name: 'CEJ jeunes en rupture' },
  'BRSA': { code: 'BRSA', supported: 'in_support' },
  'Dedans/Dehors': { code: 'DEDANS_DEHORS', supported: 'people_supported_text' },
  'BPI': { code: 'BPI', supported: 'supported' },
  'Sortir de la rue': { code: 'SORTIR_DE_LA_RUE', supported: 'supported_text' },
  'Logement': { code: 'LOGEMENT', name: 'Accompagnement logement' },
  'PLIE': { code: 'PLIE', supported: 'young_people_text' },
  'Equipe santé': { code: 'EQUIPE_SANTE' },
  'Plateforme mobilité': { code: 'PLATEFORME_MOBILITE', supported: 'beneficiaries' },
  'Entrepreneuriat': { code: 'ENTREPRENEURIAT', name: 'Entrepreneuriat' },
  'Asylum seekers': { code: 'DEMANDEURS_ASILE', name: "Accueil des demandeurs d'asile" },
}

/** French names of the figures printed on the programme pages. */
export const DETAIL_LABELS: Record<string, string> = {
  entries_2023: 'Entrées dans l’année',
  exits: 'Sorties',
  workshops: 'Ateliers',
  workshop_participants: 'Participants aux ateliers',
  avg_weekly_hours: 'Heures hebdomadaires moyennes',
  volunteering_contracts: 'Contrats de volontariat',
  avg_duration_days: 'Durée moyenne (jours)',
  immersions: 'Immersions',
  trainings: 'Formations',
  alternance_contracts: 'Contrats en alternance',
  work_contracts: 'Contrats de travail',
  positive_exit_rate_percent: 'Taux de sorties positives (%)',
  identified: 'Jeunes repérés',
  signed: 'Contrats signés',
  housing_occupied: 'Logements occupés',
  in_support: 'En accompagnement',
  oriented_by_department: 'Orientés par le Département',
  reciprocal_commitment_contracts: "Contrats d'engagements réciproques",
  women_percent: 'Part des femmes (%)',
  living_in_rennes_percent: 'Part des Rennais (%)',
  vallons_de_vilaine_experiment: 'Expérimentation Vallons de Vilaine',
  people_supported_text: 'Personnes accompagnées',
  women: 'Femmes',
  interviews: 'Entretiens',
  proposals: 'Propositions',
  employment_situations: "Situations d'emploi",
  training_situations: 'Situations de formation',
  pmsmp: 'PMSMP',
  no_qualification: 'Sans qualification',
  level_3: 'Niveau 3',
  level_4: 'Niveau 4',
  above_bac: 'Supérieur au bac',
  supported: 'Accompagnés',
  melting_breizh: 'Melting Breizh',
  alternance: 'Alternance',
  cdi: 'CDI',
  cdd: 'CDD',
  training: 'Formation',
  civic_service: 'Service civique',
  supported_text: 'Personnes accompagnées',
  stabilised_exits: 'Sorties stabilisées',
  seen: 'Jeunes reçus',
  reinforced_support: 'Accompagnement renforcé',
  young_people_text: 'Jeunes accompagnés',
  psychologist: 'Psychologue',
  health_drop_in: 'Permanence santé',
  health_mediator: 'Médiatrice santé',
  sophrology_participations: 'Participations à la sophrologie',
  beneficiaries: 'Bénéficiaires',
  collective_workshops: 'Ateliers collectifs',
  shuttle_users: 'Usagers de la navette',
  licences_supervised_driving: 'Permis en conduite supervisée',
  code_sessions: 'Séances de code',
  sensitised: 'Sensibilisés',
  welcomed: 'Accueillis',
  nationalities: 'Nationalités',
}

/** Key figures of the report -> indicator code (no breakdown). */
export const KEY_FIGURE_INDICATORS: Record<string, string> = {
  jeunes_accompagnes: 'jeunes_accompagnes',
  primo_accueillis: 'primo_accueillis',
  contacts_jeunes: 'contacts_jeunes',
  entretiens_individuels: 'entretiens_individuels',
  entretiens_individuels_et_collectifs: 'entretiens_individuels_collectifs',
  jeunes_dispositif_renforce: 'jeunes_dispositif_renforce',
  points_accueil: 'points_accueil',
  salaries: 'salaries',
  budget_eur: 'budget',
  services_proposes: 'services_proposes',
  exploratoire_visites: 'visites_exploratoire',
  gpect_structures_partenaires: 'gpect_structures_partenaires',
  gpect_entreprises: 'gpect_entreprises',
  gpect_personnes_evenements: 'gpect_personnes_evenements',
  entreprises_en_contact: 'entreprises_en_contact',
}

export interface OutcomeLine {
  indicator: string
  breakdown?: string
  modality?: string
}

/** Lines of one indicator in the outcomes table: its totals, and its parts by modality. */
function outcome(
  indicator: string,
  totals: string[],
  breakdown: string,
  parts: Record<string, string>
): Record<string, OutcomeLine> {
  return Object.fromEntries([
    ...totals.map((key) => [key, { indicator }]),
    ...Object.entries(parts).map(([key, modality]) => [key, { indicator, breakdown, modality }]),
  ])
}

const FUNDING = { region: 'Région', other: 'Autres financements' }

/** Outcome lines of the report -> indicator, breakdown, modality. */
export const OUTCOME_LINES: Record<string, OutcomeLine> = {
  ...outcome('contrats_signes', ['contracts_signed'], 'contract_type', {
    cdi: 'CDI',
    cdd: 'CDD',
    creation_activite: "Création d'activité",
  }),
  ...outcome(
    'entrees_prequalification',
    ['pre_qualification_entries', 'pre_qualification'],
    'funding',
    {
      pre_qualification_region_funded: FUNDING.region,
      pre_qualification_other_funded: FUNDING.other,
    }
  ),
  ...outcome(
    'entrees_formation_qualifiante',
    ['qualifying_training_entries', 'qualifying_training'],
    'funding',
    {
      qualifying_region_funded: FUNDING.region,
      qualifying_other_funded: FUNDING.other,
    }
  ),
  ...outcome('immersions', ['immersions'], 'measure', {
    pmsmp: 'PMSMP',
    service_civique: 'Service civique',
    other_immersions: 'Autres immersions',
  }),
  ...outcome('alternance', ['alternance'], 'contract_type', {
    apprentissage: 'Apprentissage',
    professionnalisation: 'Professionnalisation',
  }),
}

/** Tables of the public's profile -> indicator and breakdown. */
export const PUBLIC_TABLES: Record<
  string,
  { indicator: string; breakdown: string; label: string }
> = {
  age_of_young_people_supported: {
    indicator: 'jeunes_accompagnes',
    breakdown: 'age_band',
    label: 'Âge des jeunes accompagnés',
  },
  age_at_first_welcome: {
    indicator: 'primo_accueillis',
    breakdown: 'age_band',
    label: 'Âge au premier accueil',
  },
  validated_level: { indicator: 'jeunes_accompagnes', breakdown: 'level', label: 'Niveau validé' },
  attained_level: {
    indicator: 'jeunes_accompagnes',
    breakdown: 'attained_level',
    label: 'Niveau atteint',
  },
  housing: { indicator: 'jeunes_accompagnes', breakdown: 'housing', label: 'Logement' },
  first_welcome_year: {
    indicator: 'jeunes_accompagnes',
    breakdown: 'first_welcome_year',
    label: 'Année de premier accueil',
  },
}

/** Share tables -> percent indicator. */
export const SHARE_TABLES: Record<string, string> = {
  contacts_by_channel: 'part_contacts_canal',
  services_by_theme: 'part_services_theme',
  services_by_type: 'part_services_type',
  top_sectors: 'part_contrats_secteur',
}
