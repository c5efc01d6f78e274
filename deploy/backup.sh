#!/usr/bin/env bash
# One backup of Ishenim with `manage.py backup` (backups/lib.py): the database (pg_dump) and the
# sealed media folder, consistent with each other, with a SHA-256 of every file, in a dated
# folder under BACKUP_DIR; folders older than BACKUP_KEEP_DAYS days are removed. Run by
# ishenim-backup.timer nightly, or by hand:
#   sudo -u ishenim env $(grep -v '^#' /etc/ishenim/ishenim.env | xargs) deploy/backup.sh
# What the backup holds is sealed: letters open only with a staff password or the school's
# printed recovery key. SECRET_KEY and the env file are NOT in it: keep them apart.
# A restore: `manage.py restore FOLDER` into a new, empty database (deploy/README.md, step 13).
set -euo pipefail
umask 077

: "${DATABASE_URL:?DATABASE_URL is not set}"
BACKUP_DIR="${BACKUP_DIR:-/srv/ishenim/backups}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
APP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
export BACKUP_DIR

# Signs every audit chain's head first (audit/anchor.py), then backs up; prints the folder.
target="$("$APP_DIR/.venv/bin/python" "$APP_DIR/manage.py" backup --to "$BACKUP_DIR" | tail -n 1)"

# Keep BACKUP_KEEP_DAYS days; never remove the backup just made.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime "+$BACKUP_KEEP_DAYS" \
  ! -path "$target" -exec rm -rf {} +
echo "backup: $target ($(du -sh "$target" | cut -f1))"
