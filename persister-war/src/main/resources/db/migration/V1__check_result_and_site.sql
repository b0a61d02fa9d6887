-- Sitewatch persister schema, version 1. Runs as the owner role (jdbc/sitewatch-migrations).
-- Placeholders: ${app_role} (the runtime role, from sitewatch.db.user), ${retention_days} and
-- ${days_ahead} (sitewatch.retention.days, sitewatch.partitions.days-ahead).

-- Every check result, once. Partitioned by day on started_at so that retention is a DROP TABLE
-- instead of a DELETE; PostgreSQL requires the partition key in the primary key, hence
-- (id, started_at). The result id alone is the idempotency key: a redelivered result carries the
-- same id and the same started_at.
CREATE TABLE check_result (
    id            uuid        NOT NULL,
    site_id       text        NOT NULL,
    url           text        NOT NULL,
    started_at    timestamptz NOT NULL,
    -- Microseconds, the precision of the event, exact in a bigint.
    duration_us   bigint      NOT NULL CHECK (duration_us >= 0),
    http_status   smallint    CHECK (http_status BETWEEN 100 AND 599),
    regex_matched boolean,
    status        text        NOT NULL CHECK (status IN ('UP', 'DOWN')),
    reason        text,
    message       text,
    stored_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, started_at)
) PARTITION BY RANGE (started_at);

-- The history API: one site's results, newest first.
CREATE INDEX check_result_site_started_at ON check_result (site_id, started_at DESC);

-- Each site's latest result, for the overview; advanced only by a newer result.
CREATE TABLE site (
    site_id          text        PRIMARY KEY,
    url              text        NOT NULL,
    last_result_id   uuid        NOT NULL,
    last_checked_at  timestamptz NOT NULL,
    last_status      text        NOT NULL CHECK (last_status IN ('UP', 'DOWN')),
    last_reason      text,
    last_message     text,
    last_http_status smallint    CHECK (last_http_status BETWEEN 100 AND 599),
    last_duration_us bigint      NOT NULL CHECK (last_duration_us >= 0)
);

-- Creates the daily partitions check_result_pYYYYMMDD (UTC days) from today - retention_days to
-- today + days_ahead, and drops those of days before today - retention_days. Idempotent; the
-- persister calls it hourly through the owner role. The advisory lock serialises concurrent
-- callers (several persisters); lock_timeout keeps it from queueing inserts behind it for long
-- (it needs a brief exclusive lock on check_result to add or drop a partition) - it fails and
-- the next run catches up instead.
CREATE FUNCTION maintain_check_result_partitions(retention_days integer, days_ahead integer)
    RETURNS TABLE (created integer, dropped integer)
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    SET lock_timeout = '5s'
AS $$
DECLARE
    today      date := (now() AT TIME ZONE 'UTC')::date;
    oldest     date := today - retention_days;
    day        date;
    partition  record;
BEGIN
    IF retention_days < 1 OR days_ahead < 2 THEN
        RAISE EXCEPTION 'retention_days must be >= 1 and days_ahead >= 2 (results may start up to a day ahead), got % and %',
            retention_days, days_ahead;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('sitewatch.check_result.partitions'));
    created := 0;
    dropped := 0;

    FOR day IN SELECT d::date FROM generate_series(oldest, today + days_ahead, interval '1 day') AS d LOOP
        IF to_regclass('check_result_p' || to_char(day, 'YYYYMMDD')) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF check_result FOR VALUES FROM (%L) TO (%L)',
                           'check_result_p' || to_char(day, 'YYYYMMDD'),
                           day::timestamp AT TIME ZONE 'UTC',
                           (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
    END LOOP;

    FOR partition IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'check_result'::regclass
          AND c.relname ~ '^check_result_p[0-9]{8}$'
          AND to_date(substring(c.relname FROM 15), 'YYYYMMDD') < oldest
    LOOP
        EXECUTE format('DROP TABLE %I', partition.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN NEXT;
END
$$;

-- Functions are executable by PUBLIC by default; only the owner maintains partitions.
REVOKE ALL ON FUNCTION maintain_check_result_partitions(integer, integer) FROM PUBLIC;

-- The runtime role inserts and reads, nothing else. Privileges on the partitioned table are
-- checked for access through it; the partitions themselves grant the runtime role nothing.
GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO "${app_role}";
GRANT SELECT, INSERT ON check_result TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON site TO "${app_role}";

SELECT * FROM maintain_check_result_partitions(${retention_days}, ${days_ahead});
