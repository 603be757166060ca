#!/bin/bash
# Runs once, when the PostgreSQL container starts on an empty data directory: one server, two owners. Temporal's
# persistence and visibility databases belong to the temporal role, govflow's inventory to the govflow role, so
# neither application can read or change the other's data.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" -v govflow_password="$GOVFLOW_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE ROLE govflow LOGIN PASSWORD :'govflow_password';
CREATE DATABASE govflow OWNER govflow;
SQL
