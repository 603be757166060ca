#!/bin/sh
# Creates or upgrades Temporal's schemas in the databases the PostgreSQL init script made. Safe to run on every
# start: setup-schema only adds the version table, and update-schema applies only the versions a database lacks, so
# pulling a newer admin-tools and server image upgrades the schema before the server starts.
set -eu

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) schema=/etc/temporal/schema/postgresql/v12/temporal/versioned ;;
    *) schema=/etc/temporal/schema/postgresql/v12/visibility/versioned ;;
  esac
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db "$db" \
    setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db "$db" \
    update-schema -d "$schema"
done
