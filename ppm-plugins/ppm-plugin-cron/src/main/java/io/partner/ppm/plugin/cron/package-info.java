/**
 * The cron plugin: {@code schedule:} starts a service on a cron expression (a run still going is never
 * started twice), {@code cron_restart:} restarts a long-running service on one; {@code schedule_format:}
 * picks Unix (default), Quartz or Spring syntax and {@code timezone:} the zone the expressions are read
 * in. The next runs show in the service's details as {@code next_runs}.
 */
package io.partner.ppm.plugin.cron;
