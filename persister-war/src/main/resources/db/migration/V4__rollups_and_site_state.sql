-- Sitewatch persister schema, version 4: per-site rollups, each site's state and its changes, for
-- the status page, the badges and the uptime API. Runs as the owner role, like V1.
--
-- The ingest transaction keeps all of it (PostgresResultStore): it upserts the rollups from the
-- rows its INSERT actually added, so a redelivered result counts nowhere twice.

-- Adds count maps key by key: {"a":1} + {"a":2,"b":1} = {"a":3,"b":1}. The rollups keep their
-- per-reason counts and their duration histogram as such maps, sparse and open to new keys.
CREATE FUNCTION sitewatch_add_counts(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    -- Walks b's keys only: a batch adds one or two buckets to a rollup that holds many.
    SELECT CASE WHEN b = '{}'::jsonb THEN a
                ELSE a || (SELECT jsonb_object_agg(key, coalesce((a ->> key)::bigint, 0) + value::bigint)
                           FROM jsonb_each_text(b))
           END
$$;

CREATE AGGREGATE sitewatch_sum_counts(jsonb) (
    SFUNC = sitewatch_add_counts,
    STYPE = jsonb,
    INITCOND = '{}'
);

-- The duration histogram's bucket of a result: the smallest upper bound, in milliseconds, not
-- below its duration, or '+Inf'. The bounds are fixed here so every rollup row shares them.
CREATE FUNCTION sitewatch_duration_bucket(duration_us bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (ARRAY['5', '10', '25', '50', '75', '100', '150', '200', '300', '500', '750', '1000',
                  '1500', '2000', '3000', '5000', '10000', '30000', '+Inf'])
           [width_bucket(duration_us,
                         ARRAY[5001, 10001, 25001, 50001, 75001, 100001, 150001, 200001, 300001,
                               500001, 750001, 1000001, 1500001, 2000001, 3000001, 5000001,
                               10000001, 30000001]::bigint[]) + 1]
$$;

-- One row per site and UTC hour. duration_buckets counts results by duration bucket, keyed by
-- the bucket's upper bound in milliseconds ("+Inf" for the last), as Prometheus's "le";
-- reasons counts DOWN results by reason.
CREATE TABLE site_hour (
    site_id          text        NOT NULL,
    hour             timestamptz NOT NULL,
    checks           integer     NOT NULL CHECK (checks > 0),
    checks_up        integer     NOT NULL CHECK (checks_up BETWEEN 0 AND checks),
    duration_us_sum  bigint      NOT NULL CHECK (duration_us_sum >= 0),
    duration_buckets jsonb       NOT NULL,
    reasons          jsonb       NOT NULL,
    PRIMARY KEY (site_id, hour)
);

-- The same per UTC day, kept past raw retention (sitewatch.rollups.daily-days).
CREATE TABLE site_day (
    site_id          text    NOT NULL,
    day              date    NOT NULL,
    checks           integer NOT NULL CHECK (checks > 0),
    checks_up        integer NOT NULL CHECK (checks_up BETWEEN 0 AND checks),
    duration_us_sum  bigint  NOT NULL CHECK (duration_us_sum >= 0),
    duration_buckets jsonb   NOT NULL,
    reasons          jsonb   NOT NULL,
    PRIMARY KEY (site_id, day)
);

-- A site's state is the status of its latest result; state_since is when it took that state.
ALTER TABLE site
    ADD COLUMN labels      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(labels) = 'object'),
    ADD COLUMN state_since timestamptz;
UPDATE site SET state_since = last_checked_at;
ALTER TABLE site ALTER COLUMN state_since SET NOT NULL;

-- Each time a site's latest result took another status than the one before (from_status is null
-- for a site's first result).
CREATE TABLE site_state_change (
    site_id     text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    from_status text        CHECK (from_status IN ('UP', 'DOWN')),
    to_status   text        NOT NULL CHECK (to_status IN ('UP', 'DOWN')),
    PRIMARY KEY (site_id, changed_at)
);

-- Deletes hourly rollups and state changes older than hourly_days, daily rollups older than
-- daily_days. The persister calls it with the partition maintenance, through the owner role.
CREATE FUNCTION maintain_rollups(hourly_days integer, daily_days integer)
    RETURNS TABLE (hours_deleted bigint, days_deleted bigint)
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    today date := (now() AT TIME ZONE 'UTC')::date;
BEGIN
    IF hourly_days < 1 OR daily_days < hourly_days THEN
        RAISE EXCEPTION 'hourly_days must be >= 1 and daily_days >= hourly_days, got % and %',
            hourly_days, daily_days;
    END IF;
    DELETE FROM site_hour WHERE hour < (today - hourly_days)::timestamp AT TIME ZONE 'UTC';
    GET DIAGNOSTICS hours_deleted = ROW_COUNT;
    DELETE FROM site_state_change WHERE changed_at < (today - daily_days)::timestamp AT TIME ZONE 'UTC';
    DELETE FROM site_day WHERE day < today - daily_days;
    GET DIAGNOSTICS days_deleted = ROW_COUNT;
    RETURN NEXT;
END
$$;

REVOKE ALL ON FUNCTION maintain_rollups(integer, integer) FROM PUBLIC;

GRANT SELECT, INSERT, UPDATE ON site_hour, site_day TO "${app_role}";
GRANT SELECT, INSERT ON site_state_change TO "${app_role}";

-- Results stored before this version count in the rollups too; sites get their latest labels.
INSERT INTO site_hour (site_id, hour, checks, checks_up, duration_us_sum, duration_buckets, reasons)
SELECT site_id, hour, sum(checks), sum(checks_up), sum(duration_us_sum),
       sitewatch_sum_counts(jsonb_build_object(bucket, checks)),
       sitewatch_sum_counts(CASE WHEN reason IS NULL THEN '{}'::jsonb
                                 ELSE jsonb_build_object(reason, checks) END)
FROM (SELECT site_id, date_trunc('hour', started_at) AS hour,
             sitewatch_duration_bucket(duration_us) AS bucket, reason,
             count(*) AS checks, count(*) FILTER (WHERE status = 'UP') AS checks_up,
             sum(duration_us) AS duration_us_sum
      FROM check_result
      GROUP BY 1, 2, 3, 4) AS grouped
GROUP BY site_id, hour;

INSERT INTO site_day (site_id, day, checks, checks_up, duration_us_sum, duration_buckets, reasons)
SELECT site_id, (hour AT TIME ZONE 'UTC')::date, sum(checks), sum(checks_up), sum(duration_us_sum),
       sitewatch_sum_counts(duration_buckets), sitewatch_sum_counts(reasons)
FROM site_hour
GROUP BY 1, 2;

UPDATE site AS s SET labels = r.labels
FROM check_result AS r
WHERE r.id = s.last_result_id AND r.started_at = s.last_checked_at;
