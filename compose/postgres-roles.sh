#!/bin/sh
# First start of the compose PostgreSQL: Sitewatch's database and its two roles (least privilege).
# The owner role runs the persister's migrations; the runtime role may only insert and read (the
# migrations grant it exactly that). Names and passwords come from the same SITEWATCH_DB_*
# variables the persister reads.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="$SITEWATCH_DB_NAME" \
  -v owner="$SITEWATCH_DB_OWNER_USER" -v owner_password="$SITEWATCH_DB_OWNER_PASSWORD" \
  -v app="$SITEWATCH_DB_USER" -v app_password="$SITEWATCH_DB_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"owner";
SQL
