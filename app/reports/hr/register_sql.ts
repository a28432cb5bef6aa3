/**
 * SQL building blocks shared by the HR reports. `SPELLS` is a CTE list (bind the organisation
 * id once) giving every live contract with its employee's sex and birth date and the
 * employment spell it belongs to: consecutive contracts without a gap (CDD then CDI,
 * apprenticeship then CDD...) form one spell, whose start is the seniority date. A hire is the
 * first contract of a spell, a departure the last one.
 */
export const contractSpells = (organisations: '= ?' | '= ANY(?::int[])') => `
  c AS (
    SELECT ct.id, ct.organisation_id, ct.employee_id, ct.contract_type, ct.job_reference_id, ct.csp,
           ct.classification_level, ct.part_time_share, ct.start_date,
           COALESCE(ct.end_date, DATE '9999-12-31') AS end_date, ct.end_reason,
           e.sex, e.birth_date
    FROM contracts ct JOIN employees e ON e.id = ct.employee_id
    WHERE ct.organisation_id ${organisations} AND ct.superseded_at IS NULL
  ),
  marked AS (
    SELECT c.*, CASE WHEN lag(end_date) OVER w IS NULL OR start_date > lag(end_date) OVER w + 1
                     THEN 1 ELSE 0 END AS new_spell
    FROM c WINDOW w AS (PARTITION BY employee_id ORDER BY start_date)
  ),
  numbered AS (
    SELECT marked.*, SUM(new_spell) OVER (PARTITION BY employee_id ORDER BY start_date) AS spell
    FROM marked
  ),
  s AS (
    SELECT numbered.*,
           MIN(start_date) OVER (PARTITION BY employee_id, spell) AS spell_start,
           MAX(end_date) OVER (PARTITION BY employee_id, spell) AS spell_end
    FROM numbered
  )`

/** SPELLS of one organisation (bind its id once). */
export const SPELLS = contractSpells('= ?')
