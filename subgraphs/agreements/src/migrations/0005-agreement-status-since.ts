import { sqlMigration } from '@pq/data';

export default sqlMigration([
  // The day the current status took effect, carried to registry so it can judge payment on a
  // past day by the status of that day (E3). Existing agreements: the effective day of the latest
  // whole-agreement measure that changed the status, else the first day of validity.
  `alter table agreements.agreement add column status_since date`,
  `update agreements.agreement a
        set status_since = coalesce(
              (select m.effective_on from agreements.agreement_measure m
                where m.agreement_id = a.id and m.department is null and m.action in ('SUSPEND', 'RESUME', 'TERMINATE')
                order by m.recorded_at desc limit 1),
              a.valid_from)`,
  `alter table agreements.agreement alter column status_since set not null`,
]);
