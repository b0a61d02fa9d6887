-- Sitewatch persister schema, version 6: the fields CheckResult wire format v3 added. Runs as the
-- owner role, like V1.
--
-- As in V2, ALTER TABLE on the partitioned check_result reaches every partition, and neither column
-- rewrites one: rows stored before read what a v1 or v2 result decodes to, no checker named, the
-- default location. The runtime role's table-level SELECT and INSERT cover the new columns.
ALTER TABLE check_result
    -- The instance id of the checker that probed; null for results of checkers that did not say.
    ADD COLUMN checker  text,
    -- Where the checker probed from (SITEWATCH_LOCATION); every location probes every site.
    ADD COLUMN location text NOT NULL DEFAULT 'default';
