import db from '@adonisjs/lucid/services/db'
import { canonicalAmount, chainHash } from '#actions/accounting/hash_chain'

export interface ChainBreak {
  entryId: number
  position: number
  journalCode: string
  number: string
  entryDate: string
  reason: string
}

export interface ChainReport {
  organisationId: number
  checked: number
  firstBreak: ChainBreak | null
}

const BATCH = 2000

/**
 * Recomputes the hash chain of one organisation in chain order, a batch of entries at a time
 * (bounded memory), and names the first entry whose stored hash no longer matches its content
 * or whose link to the previous entry is broken (a row altered, inserted or deleted behind the
 * application's back).
 */
export async function verifyChain(organisationId: number): Promise<ChainReport> {
  let previous: string | null = null
  let expectedPosition = 1
  let checked = 0
  let after = 0
  for (;;) {
    const { rows: entries } = await db.rawQuery(
      `SELECT e.id, e.organisation_id, e.journal_id, e.fiscal_year_id, e.number, e.label, e.piece_ref,
              to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, to_char(e.piece_date, 'YYYY-MM-DD') AS piece_date,
              e.chain_position, e.previous_hash, e.hash, j.code AS journal_code
         FROM entries e JOIN journals j ON j.id = e.journal_id
        WHERE e.organisation_id = ? AND e.chain_position > ?
        ORDER BY e.chain_position LIMIT ${BATCH}`,
      [organisationId, after]
    )
    if (entries.length === 0) break
    const ids = entries.map((entry: { id: number }) => entry.id)
    const { rows: lines } = await db.rawQuery(
      `SELECT entry_id, account_number, debit::text AS debit, credit::text AS credit,
              to_char(entry_date, 'YYYY-MM-DD') AS entry_date
         FROM entry_lines WHERE entry_id = ANY(?) ORDER BY entry_id, line_no, id`,
      [ids]
    )
    const byEntry = new Map<number, typeof lines>()
    for (const line of lines) {
      const list = byEntry.get(line.entry_id) ?? []
      list.push(line)
      byEntry.set(line.entry_id, list)
    }
    for (const entry of entries) {
      const position = Number(entry.chain_position)
      const where = {
        entryId: entry.id,
        position,
        journalCode: entry.journal_code,
        number: entry.number,
        entryDate: entry.entry_date,
      }
      if (position !== expectedPosition) {
        return {
          organisationId,
          checked,
          firstBreak: {
            ...where,
            reason: `maillon manquant avant la position ${position} (attendu ${expectedPosition})`,
          },
        }
      }
      if (entry.previous_hash !== previous) {
        return {
          organisationId,
          checked,
          firstBreak: { ...where, reason: 'le lien vers l’écriture précédente ne correspond plus' },
        }
      }
      const recomputed = chainHash(
        previous,
        {
          organisationId: entry.organisation_id,
          journalId: entry.journal_id,
          fiscalYearId: entry.fiscal_year_id,
          number: entry.number,
          entryDate: entry.entry_date,
          label: entry.label,
          pieceRef: entry.piece_ref,
          pieceDate: entry.piece_date,
        },
        (byEntry.get(entry.id) ?? []).map((line: Record<string, string>) => ({
          accountNumber: line.account_number,
          debit: canonicalAmount(line.debit),
          credit: canonicalAmount(line.credit),
          entryDate: line.entry_date,
        }))
      )
      if (recomputed !== entry.hash) {
        return {
          organisationId,
          checked,
          firstBreak: { ...where, reason: 'son contenu a été modifié depuis sa validation' },
        }
      }
      previous = entry.hash
      expectedPosition++
      checked++
    }
    after = Number(entries[entries.length - 1].chain_position)
  }
  const head = await db.from('ledger_chain_heads').where('organisation_id', organisationId).first()
  if (head && (Number(head.position) !== checked || head.last_hash !== previous)) {
    return {
      organisationId,
      checked,
      firstBreak: {
        entryId: 0,
        position: Number(head.position),
        journalCode: '',
        number: '',
        entryDate: '',
        reason: `la chaîne s’arrête à la position ${checked} alors que sa tête indique ${head.position} (écriture validée supprimée ?)`,
      },
    }
  }
  return { organisationId, checked, firstBreak: null }
}
