-- Sitewatch persister schema, version 7: a site's alert state per location (minLocations). Runs as
-- the owner role, like V1.
--
-- Each location's verdict and its run towards the other one move from site_alert's own columns
-- into one JSON object by location name, which the persister reads and writes whole with the row.
-- Every row stored before had one location, 'default' (CheckResult v3 defaults to it): its run is
-- the row's run, its verdict the row's state.
ALTER TABLE site_alert
    ADD COLUMN locations jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(locations) = 'object');

UPDATE site_alert SET locations = jsonb_build_object('default', jsonb_strip_nulls(jsonb_build_object(
    'verdict', state,
    'consecutive', consecutive,
    'runStartedAt', run_started_at,
    'runReason', run_reason,
    'runMessage', run_message,
    'lastResultAt', last_result_at,
    'lastResultId', last_result_id)));

ALTER TABLE site_alert
    DROP COLUMN consecutive,
    DROP COLUMN run_started_at,
    DROP COLUMN run_reason,
    DROP COLUMN run_message;
