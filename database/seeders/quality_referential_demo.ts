/**
 * DEMO CONTENT: 35 plausible criteria written for the demonstration, NOT the UNML national
 * referential (not public). The five themes are those of the 2023 report. Load the real
 * referential from Excel (/imports/quality.referential) to replace it.
 */
export const DEMO_CRITERIA: Array<{ code: string; title: string; evidence: string }[]> = [
  [
    {
      code: 'G1',
      title: 'Les statuts et le règlement intérieur sont à jour et accessibles',
      evidence: 'Statuts, règlement intérieur',
    },
    {
      code: 'G2',
      title: "Le conseil d'administration se réunit au moins trois fois par an",
      evidence: 'Procès-verbaux du CA',
    },
    {
      code: 'G3',
      title: "L'assemblée générale approuve les comptes et le rapport d'activité",
      evidence: "Procès-verbal d'AG",
    },
    {
      code: 'G4',
      title: 'Les collèges et les voix sont conformes aux statuts',
      evidence: 'Composition du CA',
    },
    {
      code: 'G5',
      title: 'Le bureau suit la mise en œuvre du projet stratégique',
      evidence: 'Comptes rendus du bureau',
    },
    {
      code: 'G6',
      title: 'Les administrateurs reçoivent une information financière régulière',
      evidence: 'Tableaux de bord financiers',
    },
    {
      code: 'G7',
      title: 'Les partenaires financeurs sont associés à la gouvernance',
      evidence: 'Feuilles de présence',
    },
  ],
  [
    {
      code: 'P1',
      title: 'Le projet associatif énonce les valeurs et les missions de la structure',
      evidence: 'Projet associatif',
    },
    {
      code: 'P2',
      title: "La charte d'accueil du réseau est affichée et appliquée",
      evidence: "Charte d'accueil",
    },
    {
      code: 'P3',
      title: "L'égalité de traitement des jeunes est garantie sur tous les sites",
      evidence: "Procédure d'accueil",
    },
    {
      code: 'P4',
      title: 'La Mission Locale promeut la lutte contre les discriminations',
      evidence: 'Plan d’actions égalité',
    },
    {
      code: 'P5',
      title: 'La confidentialité des données des jeunes est assurée (RGPD)',
      evidence: 'Registre des traitements',
    },
    {
      code: 'P6',
      title: 'La parole des jeunes est recueillie et prise en compte',
      evidence: 'Questionnaire « jeune »',
    },
    {
      code: 'P7',
      title: 'Le positionnement de la structure est connu de ses partenaires',
      evidence: 'Plaquette, rapport d’activité',
    },
  ],
  [
    {
      code: 'M1',
      title: 'Un organigramme et des fiches de poste à jour sont diffusés',
      evidence: 'Organigramme, fiches de poste',
    },
    {
      code: 'M2',
      title: 'Les entretiens professionnels sont réalisés pour tous les salariés',
      evidence: 'Bilan des entretiens',
    },
    {
      code: 'M3',
      title: 'Un plan de développement des compétences est établi chaque année',
      evidence: 'Plan de formation',
    },
    {
      code: 'M4',
      title: "Des indicateurs d'activité sont suivis et partagés avec les équipes",
      evidence: 'Tableaux de bord I-milo',
    },
    {
      code: 'M5',
      title: 'Le dialogue social est organisé (CSE, bilan social)',
      evidence: 'Bilan social, PV du CSE',
    },
    {
      code: 'M6',
      title: 'Les processus clés sont cartographiés et documentés',
      evidence: 'Cartographie des processus',
    },
    {
      code: 'M7',
      title: 'La qualité de vie et les conditions de travail sont évaluées',
      evidence: 'DUERP, enquête QVCT',
    },
  ],
  [
    {
      code: 'A1',
      title: 'Un diagnostic territorial est établi et actualisé',
      evidence: 'Diagnostic territorial',
    },
    {
      code: 'A2',
      title: 'Les antennes couvrent l’ensemble du territoire d’intervention',
      evidence: 'Carte des lieux d’accueil',
    },
    {
      code: 'A3',
      title: 'Des partenariats formalisés existent avec les acteurs locaux',
      evidence: 'Conventions de partenariat',
    },
    {
      code: 'A4',
      title: 'La Mission Locale participe au service public de l’emploi local',
      evidence: 'Comptes rendus du SPE',
    },
    {
      code: 'A5',
      title: 'Les élus du territoire sont informés de l’activité',
      evidence: 'Comités d’antenne',
    },
    {
      code: 'A6',
      title: 'Un réseau d’entreprises est animé',
      evidence: 'Bilan de la relation entreprises',
    },
    {
      code: 'A7',
      title: 'Les actions de mobilité répondent aux besoins du territoire',
      evidence: 'Bilan de l’équipe mobilité',
    },
  ],
  [
    {
      code: 'O1',
      title: "L'offre de service est formalisée et présentée aux jeunes",
      evidence: 'Offre de service',
    },
    {
      code: 'O2',
      title: 'Le premier accueil est réalisé dans un délai défini',
      evidence: 'Statistiques de délai',
    },
    {
      code: 'O3',
      title: "L'accompagnement est individualisé et contractualisé (PACEA, CEJ)",
      evidence: 'Contrats d’engagement',
    },
    {
      code: 'O4',
      title: 'Les jeunes ont accès à une information sur la santé, le logement et la mobilité',
      evidence: 'Ateliers, permanences',
    },
    {
      code: 'O5',
      title: 'Les sorties en emploi ou en formation sont suivies',
      evidence: 'Indicateurs de sortie',
    },
    {
      code: 'O6',
      title: 'Une offre de service aux entreprises est proposée',
      evidence: 'Offre entreprises',
    },
    {
      code: 'O7',
      title: 'La satisfaction des usagers est mesurée et analysée',
      evidence: 'Enquête de satisfaction',
    },
  ],
]
