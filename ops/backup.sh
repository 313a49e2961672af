#!/usr/bin/env bash
# `make backup` / `make restore`: the database (pg_dump, custom format) and the uploaded media, together.
#
#   ops/backup.sh backup            writes $BACKUP_DIR/<UTC time>/{database.dump,media.tar.gz}, prints the folder
#   ops/backup.sh restore           restores $BACKUP (a folder; default the newest in $BACKUP_DIR) into
#                                   DATABASE_URL's database and MEDIA_ROOT; refuses a database that has tables
#                                   unless FORCE=1 (which replaces what is there)
#
# DATABASE_URL: postgres://... (required). MEDIA_ROOT: default var/media. BACKUP_DIR: default var/backups.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database (postgres://user@host:port/name)}"
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"
BACKUP_DIR="${BACKUP_DIR:-var/backups}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backups need PostgreSQL: DATABASE_URL is not a postgres:// address" >&2; exit 2 ;;
esac

backup() {
  local folder
  folder="$BACKUP_DIR/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$folder"
  pg_dump --format=custom --no-owner --file="$folder/database.dump" "$DATABASE_URL"
  mkdir -p "$MEDIA_ROOT"
  tar -czf "$folder/media.tar.gz" -C "$MEDIA_ROOT" .
  echo "$folder"
}

restore() {
  local folder="${BACKUP:-}"
  if [ -z "$folder" ]; then
    folder="$(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort | tail -n 1)"
  fi
  if [ -z "$folder" ] || [ ! -f "$folder/database.dump" ]; then
    echo "no backup found (set BACKUP to a folder made by 'make backup')" >&2
    exit 2
  fi
  local tables
  tables="$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
  if [ "$tables" != "0" ] && [ "${FORCE:-}" != "1" ]; then
    echo "refusing to restore: the database has $tables tables already (FORCE=1 replaces them)" >&2
    exit 3
  fi
  pg_restore --no-owner --clean --if-exists --exit-on-error --dbname="$DATABASE_URL" "$folder/database.dump"
  mkdir -p "$MEDIA_ROOT"
  tar -xzf "$folder/media.tar.gz" -C "$MEDIA_ROOT"
  echo "restored $folder"
}

case "${1:-}" in
  backup) backup ;;
  restore) restore ;;
  *) echo "usage: $0 backup|restore" >&2; exit 2 ;;
esac
