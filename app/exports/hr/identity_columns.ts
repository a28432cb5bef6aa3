/** The columns naming a person, first in every HR workbook that lists employees. */
export const IDENTITY_COLUMNS = [
  { header: 'Matricule', key: 'registry_number', type: 'text' as const },
  { header: 'Nom', key: 'surname', type: 'text' as const },
  { header: 'Prénoms', key: 'first_names', type: 'text' as const },
  { header: 'Sexe', key: 'sex', type: 'text' as const },
  { header: 'Date de naissance', key: 'birth_date', type: 'date' as const },
]
