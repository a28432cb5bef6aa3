import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import { toMoney } from '#support/money'
import {
  DEADLINE_KINDS,
  GRANT_STATUSES,
  SCHEDULE_KINDS,
  cancellationNote,
} from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

type Sheet = SheetSpec & { rows: Iterable<Row> }

/** A cancelled row (kept, counted in no total): when, by whom and why. */
const CANCELLATION_COLUMN = {
  header: 'Annulation',
  key: 'cancellation',
  type: 'text',
  width: 40,
} as const

export function fundersSheet(rows: Row[], year: number): Sheet {
  return {
    name: 'Financeurs',
    columns: [
      { header: 'Financeur', key: 'name', type: 'text', width: 40 },
      { header: 'Catégorie', key: 'category', type: 'text', width: 30 },
      { header: 'Rattaché à', key: 'parent', type: 'text', width: 30 },
      { header: 'Compte de produit', key: 'revenueAccount', type: 'text' },
      { header: 'Conventions', key: 'grants', type: 'integer' },
      { header: 'Montant accordé', key: 'awarded', type: 'money' },
      { header: `Produits ${year} (grand livre)`, key: 'recognised', type: 'money' },
      { header: `Budget ${year + 1} (répartition)`, key: 'nextYear', type: 'money' },
    ],
    rows,
  }
}

export function grantsSheet(rows: Row[]): Sheet {
  return {
    name: 'Conventions',
    columns: [
      { header: 'Référence', key: 'reference', type: 'text' },
      { header: 'Intitulé', key: 'title', type: 'text', width: 40 },
      { header: 'Financeur', key: 'funder', type: 'text', width: 30 },
      { header: 'Début', key: 'periodStart', type: 'date' },
      { header: 'Fin', key: 'periodEnd', type: 'date' },
      { header: 'Montant accordé', key: 'amountAwarded', type: 'money' },
      { header: 'Reçu', key: 'received', type: 'money' },
      { header: 'Taux de cofinancement', key: 'cofinancingRate', type: 'percent' },
      { header: 'Compte de produit', key: 'revenueAccount', type: 'text' },
      { header: 'Code analytique', key: 'analyticCode', type: 'text' },
      { header: 'Statut', key: 'status', type: 'text' },
    ],
    rows: rows.map((r) => ({ ...r, status: labelOf(GRANT_STATUSES, r.status as string) })),
  }
}

export function receivablesSheet(rows: Row[]): Sheet {
  return {
    name: 'Créances',
    columns: [
      { header: 'Référence', key: 'reference', type: 'text' },
      { header: 'Financeur', key: 'funder', type: 'text', width: 30 },
      { header: 'Accordé', key: 'awarded', type: 'money' },
      { header: 'Reconnu à date', key: 'recognised', type: 'money' },
      { header: 'Reçu à date', key: 'received', type: 'money' },
      { header: 'Reste à recevoir', key: 'receivable', type: 'money' },
      { header: 'Compte 441 imputé', key: 'ledger441', type: 'money' },
    ],
    rows,
  }
}

export function receiptsSheet(rows: Row[]): Sheet {
  return {
    name: 'Versements',
    columns: [
      { header: 'Date', key: 'receivedOn', type: 'date' },
      { header: 'Convention', key: 'reference', type: 'text' },
      { header: 'Financeur', key: 'funder', type: 'text', width: 30 },
      { header: 'Montant', key: 'amount', type: 'money' },
      { header: 'Référence', key: 'receiptReference', type: 'text' },
      { header: 'Ligne bancaire', key: 'entryLineId', type: 'integer' },
      CANCELLATION_COLUMN,
    ],
    rows,
  }
}

export function scheduleSheet(rows: Row[]): Sheet {
  return {
    name: 'Échéancier',
    columns: [
      { header: 'Date prévue', key: 'expectedOn', type: 'date' },
      { header: 'Convention', key: 'reference', type: 'text' },
      { header: 'Nature', key: 'kind', type: 'text' },
      { header: 'Libellé', key: 'label', type: 'text', width: 30 },
      { header: 'Montant', key: 'amount', type: 'money' },
      CANCELLATION_COLUMN,
    ],
    rows: rows.map((r) => ({ ...r, kind: labelOf(SCHEDULE_KINDS, r.kind as string) })),
  }
}

export function deadlinesSheet(rows: Row[]): Sheet {
  return {
    name: 'Échéances 90 jours',
    columns: [
      { header: 'Date', key: 'due_on', type: 'date' },
      { header: 'Convention', key: 'reference', type: 'text' },
      { header: 'Nature', key: 'kind', type: 'text' },
      { header: 'Libellé', key: 'label', type: 'text', width: 40 },
      { header: 'Montant', key: 'amount', type: 'money' },
    ],
    rows: rows.map((r) => ({ ...r, kind: labelOf(DEADLINE_KINDS, r.kind as string) })),
  }
}

export function yearEndSheet(rows: Row[]): Sheet {
  return {
    name: 'Fin d exercice',
    columns: [
      { header: 'Convention', key: 'reference', type: 'text' },
      { header: 'Financeur', key: 'funder', type: 'text', width: 30 },
      { header: 'Produit reconnu', key: 'recognised', type: 'money' },
      { header: 'Charges consommées', key: 'consumed', type: 'money' },
      { header: 'Part de la convention', key: 'attributable', type: 'money' },
      { header: "Produits constatés d'avance", key: 'deferred', type: 'money' },
      { header: 'Fonds dédiés ouverture', key: 'openingDedicated', type: 'money' },
      { header: 'Reports (6894)', key: 'newDedicated', type: 'money' },
      { header: 'Utilisations (7894)', key: 'usedDedicated', type: 'money' },
      { header: 'Autres mouvements (194)', key: 'otherDedicated', type: 'money' },
      { header: 'Fonds dédiés clôture', key: 'closingDedicated', type: 'money' },
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
        { header: 'Exercice', key: 'year', type: 'integer' },
        { header: 'Réparti', key: 'amount', type: 'money' },
        { header: 'Produit comptabilisé', key: 'recognised', type: 'money' },
        { header: 'Charges imputées', key: 'consumed', type: 'money' },
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
        { header: 'Date', key: 'occurredOn', type: 'date' },
        { header: 'Étape', key: 'kind', type: 'text' },
        { header: 'Par', key: 'actor', type: 'text' },
        { header: 'Note', key: 'note', type: 'text', width: 40 },
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
        { header: 'Date', key: 'signedOn', type: 'date' },
        { header: 'Référence', key: 'reference', type: 'text' },
        { header: 'Ancien montant', key: 'previousAmount', type: 'money' },
        { header: 'Nouveau montant', key: 'newAmount', type: 'money' },
        { header: 'Motif', key: 'reason', type: 'text', width: 40 },
        { header: 'Par', key: 'actor', type: 'text' },
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
        { header: 'Année', key: 'year', type: 'integer' },
        { header: 'Indicateur', key: 'indicatorCode', type: 'text' },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Objectif', key: 'target', type: 'number', decimals: 0 },
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
        { header: 'Date', key: 'dueOn', type: 'date' },
        { header: 'Nature', key: 'kind', type: 'text' },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Fait le', key: 'doneOn', type: 'date' },
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

type GrantRows = Awaited<ReturnType<import('#reports/grants/grant_list').GrantList['build']>>

/** The conventions' list, as filtered on its page (funder, status, year, search). */
export function grantsWorkbook(list: GrantRows): Sheet[] {
  return [
    grantsSheet(
      list.grants.map((g) => ({
        ...g.serialize(),
        funder: g.funder.name,
        periodStart: g.periodStart,
        periodEnd: g.periodEnd,
        amountAwarded: g.amountAwarded,
        received: toMoney(g.$extras.received ?? 0),
        cofinancingRate: g.cofinancingRate,
      }))
    ),
  ]
}
