import type User from '#models/core/user'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'

export const userColumns: ColumnSpec[] = [
  { header: 'Nom', key: 'fullName', type: 'text' },
  { header: 'E-mail', key: 'email', type: 'text', width: 32 },
  { header: 'Rôles', key: 'roles', type: 'text', width: 32 },
  { header: 'Actif', key: 'active', type: 'text', width: 8 },
  { header: 'Dernière connexion', key: 'lastLoginAt', type: 'date' },
]

export function userRow(user: User) {
  return {
    fullName: user.fullName,
    email: user.email,
    roles: user.roleLabels,
    active: user.isActive ? 'oui' : 'non',
    lastLoginAt: user.lastLoginAt,
  }
}

/** The users list (UsersList report) as a workbook. */
export function usersWorkbook(users: User[]) {
  return buildWorkbook([{ name: 'Utilisateurs', columns: userColumns, rows: users.map(userRow) }])
}
