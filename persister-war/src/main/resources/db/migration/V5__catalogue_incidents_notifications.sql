-- Sitewatch persister schema, version 5: the site catalogue, each site's alert state, incidents and
-- the notification outbox. Runs as the owner role, like V1.
--
-- The ingest transaction decides (alert state, incidents, outbox rows) together with the results
-- it stores, so a redelivered batch or a crash can neither lose nor repeat a transition. The
-- notification sender only reads the outbox and records what became of each row.

-- Each site as the checker last published it to the catalogue topic (sitewatch.sites). definition
-- is the record's value as published (SiteDefinitionCodec); name, url and labels are copied out
-- for the API. A tombstone sets removed_at and keeps the row: the site's history stays named.
CREATE TABLE site_definition (
    site_id    text        PRIMARY KEY,
    name       text        NOT NULL,
    url        text        NOT NULL,
    labels     jsonb       NOT NULL CHECK (jsonb_typeof(labels) = 'object'),
    definition bytea       NOT NULL,
    updated_at timestamptz NOT NULL,
    removed_at timestamptz
);

-- A result taken during one of its site's maintenance windows (the catalogue's, when stored):
-- stored as any other, and shown as such.
ALTER TABLE check_result ADD COLUMN maintenance boolean NOT NULL DEFAULT false;

-- A site's alert state over its results in probe order. consecutive counts the latest results in
-- a row that disagree with state (towards a transition); run_started_at, run_reason and
-- run_message are the first of them (an incident opens at its first DOWN result).
-- last_result_at/_id is the newest result applied, so an older one arriving late is left out.
-- told_at is when the open incident was last notified (DOWN or REMINDER), reminders how often.
CREATE TABLE site_alert (
    site_id        text        PRIMARY KEY,
    state          text        NOT NULL CHECK (state IN ('UP', 'DOWN')),
    since          timestamptz NOT NULL,
    consecutive    integer     NOT NULL CHECK (consecutive >= 0),
    run_started_at timestamptz,
    run_reason     text,
    run_message    text,
    last_result_at timestamptz NOT NULL,
    last_result_id uuid        NOT NULL,
    incident_id    bigint,
    reminders      integer     NOT NULL DEFAULT 0,
    told_at        timestamptz
);

-- Each DOWN period of a site: opened by the result that crossed the failure threshold (opened_at
-- is the first DOWN result of that run), resolved by the one that crossed the success threshold.
CREATE TABLE incident (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id       text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    resolved_at   timestamptz CHECK (resolved_at >= opened_at),
    first_reason  text,
    first_message text,
    last_reason   text,
    last_message  text,
    last_result_at timestamptz NOT NULL,
    results_seen  integer     NOT NULL CHECK (results_seen > 0)
);
CREATE INDEX incident_site ON incident (site_id, opened_at DESC, id DESC);
CREATE INDEX incident_opened ON incident (opened_at DESC, id DESC);
CREATE INDEX incident_open ON incident (opened_at DESC, id DESC) WHERE resolved_at IS NULL;

-- The outbox: one row per notification and channel, written by the ingest transaction.
--   idempotency_key  '<incident id>-DOWN', '<incident id>-RESOLVED', '<incident id>-REMINDER-<n>';
--                    the same for every channel of the notification
--   kind             DOWN, RESOLVED or REMINDER
--   channel          the channel's name; channel_spec is the channel as the catalogue gave it then:
--                    {"name","type":"WEBHOOK|SLACK|EMAIL","url"?,"urlEnv"?,"secretEnv"?,"to":[...]}
--   notice           the facts at decision time, all a message needs:
--                    {"siteId","siteName","siteUrl","labels":{},"incidentId","kind","openedAt",
--                     "resolvedAt"?,"reason"?,"message"?,"resultAt","httpStatus"?,"durationMs",
--                     "reminder"?} (instants as ISO-8601 UTC strings)
--   next_attempt_at  not sent before; a row held by a maintenance window waits for its end
--   status           PENDING until SENT, FAILED (past the retry period) or SUPPRESSED (a held
--                    DOWN whose incident ended within the window)
--   attempts, first_attempt_at, claimed_until  written by the sender only: a sender claims due
--                    rows for claimed_until (a lease, so a crashed sender's rows are taken up again
--                    after it), and the retry period counts from the first attempt, not from
--                    created_at, so a row held by a maintenance window still gets its whole period
-- Rows of one site and channel are sent in id order: a row waits while an older one is PENDING.
CREATE TABLE notification (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key text        NOT NULL,
    incident_id     bigint      NOT NULL REFERENCES incident,
    site_id         text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('DOWN', 'RESOLVED', 'REMINDER')),
    channel         text        NOT NULL,
    channel_spec    jsonb       NOT NULL,
    notice          jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SUPPRESSED')),
    attempts        integer     NOT NULL DEFAULT 0,
    first_attempt_at timestamptz,
    claimed_until   timestamptz,
    finished_at     timestamptz,
    last_error      text,
    UNIQUE (idempotency_key, channel)
);
CREATE INDEX notification_pending ON notification (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX notification_site ON notification (site_id, channel, id) WHERE status = 'PENDING';

-- Deletes notifications finished more than keep_days ago. The persister calls it with the
-- partition maintenance, through the owner role; the runtime role never deletes.
CREATE FUNCTION maintain_notifications(keep_days integer)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    deleted bigint;
BEGIN
    IF keep_days < 1 THEN
        RAISE EXCEPTION 'keep_days must be >= 1, got %', keep_days;
    END IF;
    DELETE FROM notification
    WHERE status <> 'PENDING' AND finished_at < now() - make_interval(days => keep_days);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;

REVOKE ALL ON FUNCTION maintain_notifications(integer) FROM PUBLIC;

GRANT SELECT, INSERT, UPDATE ON site_definition, site_alert, incident, notification
    TO "${app_role}";
