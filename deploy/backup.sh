#!/usr/bin/env bash
# One backup of Ishenim: the database, then the sealed media folder, in a dated folder;
# folders older than BACKUP_KEEP_DAYS days are removed. Run by ishenim-backup.timer nightly,
# or by hand: sudo -u ishenim env $(grep -v '^#' /etc/ishenim/ishenim.env | xargs) deploy/backup.sh
#
# Order: database first, files second. Files are only ever added (random names), so every
# file the dump refers to is in the copy; a file added in between is an unused extra.
# What the backup holds is sealed: letters open only with a staff password or the school's
# printed recovery key. SECRET_KEY and the env file are NOT in it: keep them apart.
set -euo pipefail
umask 077

: "${DATABASE_URL:?DATABASE_URL is not set}"
BACKUP_DIR="${BACKUP_DIR:-/srv/ishenim/backups}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
MEDIA_ROOT="${MEDIA_ROOT:-${VAR_DIR:-/srv/ishenim/var}/media}"

APP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
export BACKUP_DIR

# Sign every audit chain's head first (audit/anchor.py): the checkpoint lands in the dump and
# in $BACKUP_DIR/audit-checkpoints.jsonl, which stays beside the backups when old ones go.
"$APP_DIR/.venv/bin/python" "$APP_DIR/manage.py" audit_checkpoint

stamp="$(date +%Y-%m-%d_%H%M%S)"
target="$BACKUP_DIR/$stamp"
mkdir -p "$target.partial"

pg_dump --format=custom --no-owner --file="$target.partial/database.dump" "$DATABASE_URL"
if [ -d "$MEDIA_ROOT" ]; then
  tar --create --gzip --file="$target.partial/media.tar.gz" --directory="$MEDIA_ROOT" .
else
  tar --create --gzip --file="$target.partial/media.tar.gz" --files-from=/dev/null
fi
(cd "$target.partial" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv "$target.partial" "$target"

# Keep BACKUP_KEEP_DAYS days; never remove the backup just made.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime "+$BACKUP_KEEP_DAYS" \
  ! -path "$target" -exec rm -rf {} +
echo "backup: $target ($(du -sh "$target" | cut -f1))"
