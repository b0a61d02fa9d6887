-- Sitewatch persister schema, version 2: the fields CheckResult wire format v2 added. Runs as the
-- owner role, like V1.
--
-- ALTER TABLE on the partitioned check_result adds each column to every existing partition, and
-- partitions created later (maintain_check_result_partitions) take the parent's columns. Each
-- column is nullable or has a constant default, so no partition is rewritten; rows stored before
-- read what a v1 result decodes to: one attempt, no certificate seen, no labels, not scheduled.
-- The runtime role's table-level SELECT and INSERT cover the new columns.
ALTER TABLE check_result
    -- HTTP attempts of the probe: more than 1 when DOWN attempts were retried.
    ADD COLUMN attempts      smallint    NOT NULL DEFAULT 1 CHECK (attempts BETWEEN 1 AND 10),
    -- Whole days until the server certificate expired, negative once expired; null without TLS.
    ADD COLUMN tls_days_left integer,
    -- The site's labels from the sites file, a JSON object of strings.
    ADD COLUMN labels        jsonb       NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(labels) = 'object'),
    -- When the probe was due; started_at - scheduled_at is its start lag (a late start).
    ADD COLUMN scheduled_at  timestamptz CHECK (scheduled_at <= started_at);
