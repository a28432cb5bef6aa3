import { col } from '#support/spreadsheet/columns'

/** The columns naming a person, first in every HR workbook that lists employees. */
export const IDENTITY_COLUMNS = [
  col.text('Matricule', 'registry_number'),
  col.text('Nom', 'surname'),
  col.text('Prénoms', 'first_names'),
  col.text('Sexe', 'sex'),
  col.date('Date de naissance', 'birth_date'),
]
