import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import type { Rapport2023 } from '#database/seeders/demo'
import { recordEvent } from '#support/audit'
import { chainHash } from '#actions/accounting/hash_chain'
import { lockChainHead, moveChainHead } from '#actions/accounting/ledger'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import { storeClosingBalances } from '#actions/accounting/year_end'
import {
  buildDemoLedger,
  DEMO_ACCOUNTS,
  DEMO_JOURNALS,
  type DemoEntry,
} from '#database/seeders/accounting_demo_ledger'

const cents = (value: number) => {
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Budget 2024 of the report, by line of the annual-report layout (leaf lines only). */
const BUDGET_LINES: Array<[string, (is: any) => number | null]> = [
  ['C01', (is) => find(is.charges, 'Achats')],
  ['C02', (is) => find(is.charges, 'Services extérieurs')],
  ['C03', (is) => find(is.charges, 'Autres services extérieurs')],
  ['C04', (is) => find(is.charges, 'Impôts et taxes')],
  ['C04A', (is) => sub(is.charges, 'Impôts et taxes', 'dont impôts et taxes sur masse salariale')],
  ['C05', (is) => find(is.charges, 'Charges de personnel')],
  ['C06', (is) => find(is.charges, 'Autres charges de gestion courante')],
  ['C07A', (is) => sub(is.charges, 'Dotations aux amortissements et provisions', 'Dotations aux amortissements')],
  ['C07B', (is) => sub(is.charges, 'Dotations aux amortissements et provisions', 'Autres provisions')],
  ['C07C', (is) => sub(is.charges, 'Dotations aux amortissements et provisions', 'Engagements à réaliser (fonds dédiés)')],
  ['C08', (is) => find(is.charges, 'Charges financières')],
  ['C09', (is) => find(is.charges, 'Charges exceptionnelles')],
  ['P01A', (is) => sub(is.produits, "Crédits d'État déconcentrés", 'DREETS/DEETS')],
  ['P01A1', (is) => sub(sub2(is.produits, "Crédits d'État déconcentrés", 'DREETS/DEETS'), null, 'dont Socle + OBF')],
  ['P01A2', (is) => sub(sub2(is.produits, "Crédits d'État déconcentrés", 'DREETS/DEETS'), null, 'dont CEJ')],
  ['P01B', (is) => sub(is.produits, "Crédits d'État déconcentrés", 'Pôle Emploi')],
  ['P01C', (is) => sub(is.produits, "Crédits d'État déconcentrés", 'PIC')],
  ['P01D', (is) => sub(is.produits, "Crédits d'État déconcentrés", 'Contrat de Ville')],
  ['P01E', (is) => sub(is.produits, "Crédits d'État déconcentrés", 'Autres')],
  ['P02', (is) => find(is.produits, 'Fonds social européen')],
  ['P03', (is) => find(is.produits, 'FEDER Interreg')],
  ['P04A', (is) => sub(is.produits, 'Collectivités territoriales', 'Conseil Régional')],
  ['P04B', (is) => sub(is.produits, 'Collectivités territoriales', 'Conseil Départemental')],
  ['P04C', (is) => sub(is.produits, 'Collectivités territoriales', 'Rennes Métropole')],
  ['P04D', (is) => sub(is.produits, 'Collectivités territoriales', 'Autres EPCI')],
  ['P05', (is) => find(is.produits, 'Subventions contrats aidés')],
  ['P07', (is) => find(is.produits, 'Autres produits')],
  ['P08', (is) => find(is.produits, 'Autres produits de gestion courante')],
  ['P09', (is) => find(is.produits, 'Produits financiers')],
  ['P10', (is) => find(is.produits, 'Produits exceptionnels')],
  ['P11', (is) => find(is.produits, 'Reprises sur amortissements et provisions')],
  ['P12', (is) => find(is.produits, 'Reprise sur fonds dédiés')],
  ['P13', (is) => find(is.produits, 'Transferts de charges')],
]
const item = (list: any[], label: string) => {
  const found = list.find((x) => x.label === label)
  if (!found) throw new Error(`Ligne absente du rapport : ${label}`)
  return found
}
const find = (list: any[], label: string) => item(list, label)['2024_budget'] as number | null
const sub2 = (list: any[], parent: string, label: string) => item(item(list, parent).of_which, label).of_which
const sub = (list: any[], parent: string | null, label: string) =>
  (parent === null ? item(list, label) : item(item(list, parent).of_which, label))['2024_budget'] as number | null

export async function ensureAccounts(
  trx: TransactionClientContract,
  organisationId: number,
  accounts: Record<string, string>
) {
  const existing = await trx.from('accounts').where('organisation_id', organisationId).select('id', 'number')
  const ids = new Map<string, number>(existing.map((r: any) => [r.number, r.id]))
  const numbers = Object.keys(accounts).sort((x, y) => x.length - y.length || x.localeCompare(y))
  for (const number of numbers) {
    if (ids.has(number)) continue
    let parent: number | null = null
    for (let len = number.length - 1; len >= 1 && parent === null; len--) parent = ids.get(number.slice(0, len)) ?? null
    const [row] = await trx
      .table('accounts')
      .insert({ organisation_id: organisationId, number, label: accounts[number], parent_id: parent })
      .returning('id')
    ids.set(number, row.id)
  }
  return ids
}

async function ensureFiscalYear(trx: TransactionClientContract, organisationId: number, year: number) {
  const found = await trx
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('start_date', `${year}-01-01`)
    .first()
  if (found) return found.id as number
  const [row] = await trx
    .table('fiscal_years')
    .insert({ organisation_id: organisationId, label: `Exercice ${year}`, start_date: `${year}-01-01`, end_date: `${year}-12-31` })
    .returning('id')
  return row.id as number
}

/**
 * Inserts validated entries in bulk: numbers from the journal sequences, hash chain continued
 * from the organisation's chain head (same canonical form as the ledger's validation), lines
 * with INSERT ... SELECT unnest in batches. The ledger triggers check each batch.
 */
export async function insertValidatedEntries(
  trx: TransactionClientContract,
  organisationId: number,
  entries: Array<DemoEntry & { fiscalYearId: number }>,
  accountIds: Map<string, number>,
  journalIds: Map<string, number>
) {
  const { rows: seqRows } = await trx.rawQuery(
    `SELECT journal_id, fiscal_year_id, last_number FROM journal_sequences WHERE organisation_id = ? FOR UPDATE`,
    [organisationId]
  )
  const sequences = new Map<string, number>(seqRows.map((r: any) => [`${r.journal_id}:${r.fiscal_year_id}`, r.last_number]))
  const head = await lockChainHead(trx, organisationId)
  const { rows: idRows } = await trx.rawQuery(
    `SELECT nextval(pg_get_serial_sequence('entries', 'id')) AS id FROM generate_series(1, ?)`,
    [entries.length]
  )
  let previous = head.lastHash
  let position = head.position
  const e: Record<string, unknown[]> = { id: [], journal: [], fy: [], date: [], number: [], seq: [], label: [], piece: [], pos: [], prev: [], hash: [] }
  const l: Record<string, unknown[]> = { entry: [], no: [], account: [], number: [], date: [], debit: [], credit: [], label: [], aux: [], auxLabel: [] }
  entries.forEach((entry, index) => {
    const journalId = journalIds.get(entry.journal)!
    const key = `${journalId}:${entry.fiscalYearId}`
    const sequence = (sequences.get(key) ?? 0) + 1
    sequences.set(key, sequence)
    const number = String(sequence)
    const lines = entry.lines.map((line) => ({
      accountNumber: line.account,
      debit: cents(line.debit),
      credit: cents(line.credit),
      entryDate: entry.date,
    }))
    const hash = chainHash(
      previous,
      {
        organisationId,
        journalId,
        fiscalYearId: entry.fiscalYearId,
        number,
        entryDate: entry.date,
        label: entry.label,
        pieceRef: entry.pieceRef,
        pieceDate: null,
      },
      lines
    )
    position++
    const id = Number(idRows[index].id)
    e.id.push(id); e.journal.push(journalId); e.fy.push(entry.fiscalYearId); e.date.push(entry.date)
    e.number.push(number); e.seq.push(sequence); e.label.push(entry.label); e.piece.push(entry.pieceRef)
    e.pos.push(position); e.prev.push(previous); e.hash.push(hash)
    previous = hash
    entry.lines.forEach((line, i) => {
      const accountId = accountIds.get(line.account)
      if (!accountId) throw new Error(`Compte absent du plan : ${line.account}`)
      l.entry.push(id); l.no.push(i + 1); l.account.push(accountId); l.number.push(line.account)
      l.date.push(entry.date); l.debit.push(cents(line.debit)); l.credit.push(cents(line.credit))
      l.label.push(line.label ?? entry.label); l.aux.push(line.aux ?? null); l.auxLabel.push(line.auxLabel ?? null)
    })
  })
  await trx.rawQuery(
    `INSERT INTO entries (id, organisation_id, journal_id, fiscal_year_id, entry_date, number, sequence_number,
                          label, piece_ref, status, validated_at, chain_position, previous_hash, hash)
     SELECT id, ?, journal_id, fy, d, num, seq, label, piece, 'validated', now(), pos, prev, hash
       FROM unnest(?::int[], ?::int[], ?::int[], ?::date[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[])
            AS t(id, journal_id, fy, d, num, seq, label, piece, pos, prev, hash)`,
    [organisationId, e.id, e.journal, e.fy, e.date, e.number, e.seq, e.label, e.piece, e.pos, e.prev, e.hash] as never[]
  )
  // Batches end on an entry boundary: the triggers check each batch's entries are balanced.
  for (let start = 0, end = 0; start < l.entry.length; start = end) {
    end = Math.min(start + 20000, l.entry.length)
    while (end < l.entry.length && l.entry[end] === l.entry[end - 1]) end++
    const slice = (values: unknown[]) => values.slice(start, end)
    await trx.rawQuery(
      `INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number, entry_date,
                                debit, credit, label, aux_number, aux_label)
       SELECT entry_id, ?, no, account_id, num, d, debit, credit, label, aux, aux_label
         FROM unnest(?::int[], ?::smallint[], ?::int[], ?::text[], ?::date[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[])
              AS t(entry_id, no, account_id, num, d, debit, credit, label, aux, aux_label)`,
      [organisationId, ...[l.entry, l.no, l.account, l.number, l.date, l.debit, l.credit, l.label, l.aux, l.auxLabel].map(slice)] as never[]
    )
  }
  for (const [key, last] of sequences) {
    const [journalId, fiscalYearId] = key.split(':').map(Number)
    await trx.rawQuery(
      `INSERT INTO journal_sequences (organisation_id, journal_id, fiscal_year_id, last_number) VALUES (?, ?, ?, ?)
       ON CONFLICT (journal_id, fiscal_year_id) DO UPDATE SET last_number = EXCLUDED.last_number`,
      [organisationId, journalId, fiscalYearId, last]
    )
  }
  await moveChainHead(trx, organisationId, position, previous)
  await recordEvent({
    domain: 'accounting',
    action: 'bulk_validate',
    subjectType: 'entries',
    summary: `${entries.length} écritures validées (${l.entry.length} lignes) par insertion groupée`,
    organisationId,
    trx,
  })
  return new Map(entries.map((entry, index) => [entry, Number(idRows[index].id)]))
}

export async function seedAccounting(organisation: Organisation, rapport: Rapport2023, trx: TransactionClientContract) {
  const organisationId = organisation.id
  await seedStatementLayouts(organisationId, trx)
  const accountIds = await ensureAccounts(trx, organisationId, DEMO_ACCOUNTS)
  const journalIds = new Map<string, number>()
  for (const [code, label] of Object.entries(DEMO_JOURNALS)) {
    const found = await trx.from('journals').where({ organisation_id: organisationId, code }).first()
    if (found) journalIds.set(code, found.id)
    else {
      const [row] = await trx.table('journals').insert({ organisation_id: organisationId, code, label }).returning('id')
      journalIds.set(code, row.id)
    }
  }
  const years = new Map<number, number>()
  for (const year of [2022, 2023, 2024]) years.set(year, await ensureFiscalYear(trx, organisationId, year))

  const ledger = buildDemoLedger(rapport)
  const ordered = ledger.entries
    .map((entry, index) => ({ ...entry, index, fiscalYearId: years.get(entry.year)! }))
    .sort((a, b) => a.date.localeCompare(b.date) || (a.journal === 'AN' ? -1 : b.journal === 'AN' ? 1 : 0) || a.index - b.index)
  const ids = await insertValidatedEntries(trx, organisationId, ordered, accountIds, journalIds)

  // Close 2022: the à-nouveaux of 2023 are part of the demo ledger above.
  const openingEntry = ordered.find((entry) => entry.year === 2023 && entry.journal === 'AN')!
  const year2022 = years.get(2022)!
  const [closing] = await trx
    .table('fiscal_year_closings')
    .insert({
      organisation_id: organisationId,
      fiscal_year_id: year2022,
      result: cents(ledger.result2022),
      opening_entry_id: ids.get(openingEntry),
      closed_at: new Date('2023-03-31T16:00:00Z'),
    })
    .returning('id')
  await storeClosingBalances(trx, organisationId, year2022, closing.id)
  await trx.from('fiscal_years').where('id', year2022).update({ status: 'closed', closed_at: new Date('2023-03-31T16:00:00Z') })

  const allocation = ordered.find((entry) => entry.year === 2023 && entry.label.startsWith('Affectation du résultat 2022'))!
  await trx.table('result_allocations').insert({
    organisation_id: organisationId,
    fiscal_year_id: year2022,
    decision_date: '2023-06-20',
    decision_text: "L'assemblée générale affecte le déficit de l'exercice 2022 au report à nouveau.",
    result: cents(ledger.result2022),
    to_report: cents(ledger.result2022),
    to_reserves: '0.00',
    entry_id: ids.get(allocation),
    posted_at: new Date('2023-06-30T10:00:00Z'),
  })

  // Budget 2024 (initial, approved) on the annual-report layout.
  const layout = await trx
    .from('statement_layouts')
    .where({ organisation_id: organisationId, code: 'rapport-annuel', kind: 'income_statement' })
    .first()
  const lines = await trx.from('statement_lines').where('layout_id', layout.id).select('id', 'code')
  const lineIds = new Map<string, number>(lines.map((r: any) => [r.code, r.id]))
  const [budget] = await trx
    .table('budgets')
    .insert({
      organisation_id: organisationId,
      fiscal_year_id: years.get(2024)!,
      layout_id: layout.id,
      version_kind: 'initial',
      label: 'Budget prévisionnel 2024',
      status: 'approved',
      approved_at: new Date('2023-12-12T18:00:00Z'),
    })
    .returning('id')
  const budgetRows = BUDGET_LINES.map(([code, pick]) => ({ code, amount: pick(rapport.accounts.income_statement) }))
    .filter((row) => row.amount !== null)
    .map((row) => ({
      organisation_id: organisationId,
      budget_id: budget.id,
      statement_line_id: lineIds.get(row.code)!,
      amount: String(row.amount),
    }))
  await trx.table('budget_lines').multiInsert(budgetRows)
  await recordEvent({ domain: 'accounting', action: 'create', subjectType: 'budgets', subjectId: budget.id, summary: 'Budget prévisionnel 2024 (démo)', organisationId, trx })
}
