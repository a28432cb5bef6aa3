import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import {
  DEADLINE_KINDS,
  GRANT_STATUSES,
  SCHEDULE_KINDS,
  cancellationNote,
} from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'
import type { GrantListResult } from '#reports/grants/grant_list'

type Sheet = SheetSpec & { rows: Iterable<Row> }

/** A cancelled row (kept, counted in no total): when, by whom and why. */
const CANCELLATION_COLUMN = col.text('Annulation', 'cancellation', 40)
/** The funder's name, and the convention's reference on the sheets of its records. */
const FUNDER_COLUMN = col.text('Financeur', 'funder', 30)
const CONVENTION_COLUMN = col.text('Convention', 'reference')

export function fundersSheet(rows: Row[], year: number): Sheet {
  return {
    name: 'Financeurs',
    columns: [
      col.text('Financeur', 'name', 40),
      col.text('Catégorie', 'category', 30),
      col.text('Rattaché à', 'parent', 30),
      col.text('Compte de produit', 'revenueAccount'),
      col.integer('Conventions', 'grants'),
      col.money('Montant accordé', 'awarded'),
      col.money(`Produits ${year} (grand livre)`, 'recognised'),
      col.money(`Budget ${year + 1} (répartition)`, 'nextYear'),
    ],
    rows,
  }
}

export function grantsSheet(rows: Row[]): Sheet {
  return {
    name: 'Conventions',
    columns: [
      col.text('Référence', 'reference'),
      col.text('Intitulé', 'title', 40),
      FUNDER_COLUMN,
      col.date('Début', 'periodStart'),
      col.date('Fin', 'periodEnd'),
      col.money('Montant accordé', 'amountAwarded'),
      col.money('Reçu', 'received'),
      col.percent('Taux de cofinancement', 'cofinancingRate'),
      col.text('Compte de produit', 'revenueAccount'),
      col.text('Code analytique', 'analyticCode'),
      col.text('Statut', 'status'),
    ],
    rows: rows.map((r) => ({ ...r, status: labelOf(GRANT_STATUSES, r.status as string) })),
  }
}

export function receivablesSheet(rows: Row[]): Sheet {
  return {
    name: 'Créances',
    columns: [
      col.text('Référence', 'reference'),
      FUNDER_COLUMN,
      col.money('Accordé', 'awarded'),
      col.money('Reconnu à date', 'recognised'),
      col.money('Reçu à date', 'received'),
      col.money('Reste à recevoir', 'receivable'),
      col.money('Compte 441 imputé', 'ledger441'),
    ],
    rows,
  }
}

export function receiptsSheet(rows: Row[]): Sheet {
  return {
    name: 'Versements',
    columns: [
      col.date('Date', 'receivedOn'),
      CONVENTION_COLUMN,
      FUNDER_COLUMN,
      col.money('Montant', 'amount'),
      col.text('Référence', 'receiptReference'),
      col.integer('Ligne bancaire', 'entryLineId'),
      CANCELLATION_COLUMN,
    ],
    rows,
  }
}

export function scheduleSheet(rows: Row[]): Sheet {
  return {
    name: 'Échéancier',
    columns: [
      col.date('Date prévue', 'expectedOn'),
      CONVENTION_COLUMN,
      col.text('Nature', 'kind'),
      col.text('Libellé', 'label', 30),
      col.money('Montant', 'amount'),
      CANCELLATION_COLUMN,
    ],
    rows: rows.map((r) => ({ ...r, kind: labelOf(SCHEDULE_KINDS, r.kind as string) })),
  }
}

export function deadlinesSheet(rows: Row[]): Sheet {
  return {
    name: 'Échéances 90 jours',
    columns: [
      col.date('Date', 'due_on'),
      CONVENTION_COLUMN,
      col.text('Nature', 'kind'),
      col.text('Libellé', 'label', 40),
      col.money('Montant', 'amount'),
    ],
    rows: rows.map((r) => ({ ...r, kind: labelOf(DEADLINE_KINDS, r.kind as string) })),
  }
}

export function yearEndSheet(rows: Row[]): Sheet {
  return {
    name: 'Fin d exercice',
    columns: [
      CONVENTION_COLUMN,
      FUNDER_COLUMN,
      col.money('Produit reconnu', 'recognised'),
      col.money('Charges consommées', 'consumed'),
      col.money('Part de la convention', 'attributable'),
      col.money("Produits constatés d'avance", 'deferred'),
      col.money('Fonds dédiés ouverture', 'openingDedicated'),
      col.money('Reports (6894)', 'newDedicated'),
      col.money('Utilisations (7894)', 'usedDedicated'),
      col.money('Autres mouvements (194)', 'otherDedicated'),
      col.money('Fonds dédiés clôture', 'closingDedicated'),
    ],
    rows,
  }
}

type Detail = Awaited<ReturnType<import('#reports/grants/grant_detail').GrantDetail['build']>>

/** Every table of a convention's page, one sheet each. */
export function grantDetailSheets(detail: Detail): Sheet[] {
  const g = detail.grant
  return [
    grantsSheet([
      {
        ...g.serialize(),
        funder: g.funder.name,
        periodStart: g.periodStart,
        periodEnd: g.periodEnd,
        amountAwarded: g.amountAwarded,
        cofinancingRate: g.cofinancingRate,
        received: detail.totals.received,
        status: g.status,
      },
    ]),
    {
      name: 'Répartition et grand livre',
      columns: [
        col.integer('Exercice', 'year'),
        col.money('Réparti', 'amount'),
        col.money('Produit comptabilisé', 'recognised'),
        col.money('Charges imputées', 'consumed'),
      ],
      rows: g.years.map((y) => {
        const l = detail.ledger.find((x) => x.year === y.year)
        return {
          year: y.year,
          amount: y.amount,
          recognised: l?.recognised ?? null,
          consumed: l?.consumed ?? null,
        }
      }),
    },
    {
      name: 'Étapes',
      columns: [
        col.date('Date', 'occurredOn'),
        col.text('Étape', 'kind'),
        col.text('Par', 'actor'),
        col.text('Note', 'note', 40),
        CANCELLATION_COLUMN,
      ],
      rows: g.events.map((e) => ({
        occurredOn: e.occurredOn,
        kind: labelOf(GRANT_STATUSES, e.kind),
        actor: e.actor,
        note: e.note,
        cancellation: cancellationNote(e),
      })),
    },
    {
      name: 'Avenants',
      columns: [
        col.date('Date', 'signedOn'),
        col.text('Référence', 'reference'),
        col.money('Ancien montant', 'previousAmount'),
        col.money('Nouveau montant', 'newAmount'),
        col.text('Motif', 'reason', 40),
        col.text('Par', 'actor'),
      ],
      rows: g.amendments.map((a) => ({
        signedOn: a.signedOn,
        reference: a.reference,
        previousAmount: a.previousAmount,
        newAmount: a.newAmount,
        reason: a.reason,
        actor: a.actor,
      })),
    },
    scheduleSheet(
      g.schedule.map((s) => ({
        expectedOn: s.expectedOn,
        reference: g.reference,
        kind: s.kind,
        label: s.label,
        amount: s.amount,
        cancellation: cancellationNote(s),
      }))
    ),
    receiptsSheet(
      g.receipts.map((r) => ({
        receivedOn: r.receivedOn,
        reference: g.reference,
        funder: g.funder.name,
        amount: r.amount,
        receiptReference: r.reference,
        entryLineId: r.entryLineId,
        cancellation: cancellationNote(r),
      }))
    ),
    {
      name: 'Objectifs',
      columns: [
        col.integer('Année', 'year'),
        col.text('Indicateur', 'indicatorCode'),
        col.text('Libellé', 'label', 40),
        col.number('Objectif', 'target', 0),
        CANCELLATION_COLUMN,
      ],
      rows: g.targets.map((t) => ({
        year: t.year,
        indicatorCode: t.indicatorCode,
        label: t.label,
        target: t.target,
        cancellation: cancellationNote(t),
      })),
    },
    {
      name: 'Échéances de bilan',
      columns: [
        col.date('Date', 'dueOn'),
        col.text('Nature', 'kind'),
        col.text('Libellé', 'label', 40),
        col.date('Fait le', 'doneOn'),
        CANCELLATION_COLUMN,
      ],
      rows: g.deadlines.map((d) => ({
        dueOn: d.dueOn,
        kind: labelOf(DEADLINE_KINDS, d.kind),
        label: d.label,
        doneOn: d.doneOn,
        cancellation: cancellationNote(d),
      })),
    },
  ]
}

/** The conventions' list, as filtered on its page (funder, status, year, search). */
export function grantsWorkbook(list: GrantListResult): Sheet[] {
  return [grantsSheet(list.grants.map((grant) => ({ ...grant })))]
}
