/**
 * The totals of a convention (split, schedule, receipts never above the awarded amount), as
 * written in 2000; with `cancelled` true (8800), cancelled instalments and receipts are left out.
 */
export function checkTotals(cancelled: boolean) {
  const live = cancelled ? ' AND cancelled_at IS NULL' : ''
  return `
CREATE OR REPLACE FUNCTION grants_check_totals(gid integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  awarded numeric;
  ref text;
  total numeric;
BEGIN
  SELECT amount_awarded, reference INTO awarded, ref FROM grants WHERE id = gid;
  IF NOT FOUND THEN RETURN; END IF;
  SELECT coalesce(sum(amount), 0) INTO total FROM grant_years WHERE grant_id = gid;
  IF total > awarded THEN
    RAISE EXCEPTION 'Convention % : la répartition par exercice (% €) dépasse le montant accordé (% €).',
      ref, total, awarded USING ERRCODE = 'P0001';
  END IF;
  SELECT coalesce(sum(amount), 0) INTO total FROM grant_payment_schedules WHERE grant_id = gid${live};
  IF total > awarded THEN
    RAISE EXCEPTION 'Convention % : l''échéancier (% €) dépasse le montant accordé (% €).',
      ref, total, awarded USING ERRCODE = 'P0001';
  END IF;
  SELECT coalesce(sum(amount), 0) INTO total FROM grant_receipts WHERE grant_id = gid${live};
  IF total > awarded THEN
    RAISE EXCEPTION 'Convention % : les versements reçus (% €) dépassent le montant accordé (% €).',
      ref, total, awarded USING ERRCODE = 'P0001';
  END IF;
END $$;`
}

/** `<table>_amount_positive`: the CHECK on the amount of a convention's record (`amount > 0`…). */
export function amountCheck(table: string, condition: string) {
  return `ALTER TABLE ${table} ADD CONSTRAINT ${table}_amount_positive CHECK (${condition})`
}
