from django.core.management.base import BaseCommand, CommandError

from audit.anchor import verify_all
from audit.models import Checkpoint


class Command(BaseCommand):
    help = (
        "Verify every audit chain (one per school, and the installation's) and each against "
        "its latest signed checkpoint, in the table and in the file beside the backups; name "
        "the first broken link of each chain."
    )

    def handle(self, *args, **options):
        relinked = Checkpoint.objects.filter(kind=Checkpoint.RELINKED).order_by("id").first()
        if relinked is not None:
            # The migration to per-school chains re-hashed every event: say so, with what the
            # old global chain was, so the re-hashing is never silent.
            d = relinked.detail
            state = (
                f"broken at event #{d['legacy_broken_at']}"
                if d.get("legacy_broken_at")
                else "intact"
            )
            self.stdout.write(
                f"re-linked into per-school chains on {relinked.made_at:%Y-%m-%d %H:%M} "
                f"from one chain of {d.get('legacy_count')} events ({state}, head "
                f"{d.get('legacy_head')})"
            )
        failures, total, results = [], 0, verify_all()
        for chain, checked, broken, problems in results:
            total += checked
            if broken is not None:
                failures.append(
                    f"{chain}: broken at event #{broken.pk} ({broken.action}, "
                    f"{broken.at:%Y-%m-%d %H:%M}); {checked} events before it are intact"
                )
            failures.extend(problems)
        if failures:
            raise CommandError("audit chain broken:\n" + "\n".join(failures))
        self.stdout.write(f"audit chains intact: {total} events in {len(results)} chains")
