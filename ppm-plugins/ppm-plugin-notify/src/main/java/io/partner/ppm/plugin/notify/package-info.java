/**
 * The notify plugin: the top-level {@code notify:} section sends chosen service events (started,
 * restarted, finished, crashed, gave_up) to webhooks as JSON (with a Slack-compatible {@code text} on
 * request) or to commands (the event in their environment), with a timeout, retries with backoff per
 * target, and a rate limit per service. Deliveries run on the plugin's own threads: the daemon's event
 * thread only hands them over.
 */
package io.partner.ppm.plugin.notify;
