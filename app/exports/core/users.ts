import type User from '#models/core/user'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

export const userColumns: ColumnSpec[] = [
  col.text('Nom', 'fullName'),
  col.text('E-mail', 'email', 32),
  col.text('Rôles', 'roles', 32),
  col.text('Actif', 'active', 8),
  col.date('Dernière connexion', 'lastLoginAt'),
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
