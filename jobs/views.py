"""Long jobs, seen by their requester: ask for a file, watch its progress (the page reloads
itself, no script), download it when ready. Only the requester's session opens the file."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Membership
from jobs.models import Job
from jobs.tasks import run_job
from schools.models import School
from vault.jobs import job_key, new_job_key, open_file, seal_school_key
from vault.keys import school_key

log = logging.getLogger(__name__)
REFRESH_SECONDS = 3
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _get_job_for_user(request, pk):
    return get_object_or_404(Job.objects.for_user(request.user), pk=pk)


@login_required
@require_POST
def new(request):
    kind = request.POST.get("kind")
    if kind not in Job.FORMATS:
        raise Http404
    schools = list(
        School.objects.filter(
            memberships__user=request.user, memberships__role__in=Membership.READERS
        ).distinct()
    )
    params = request.POST.get("params", "")[:2000]
    wanted = request.POST.get("school") or QueryDict(params).get("school")
    school = next((s for s in schools if str(s.pk) == wanted), schools[0] if schools else None)
    if school is None:
        raise Http404
    key = school_key(request, school)
    if key is None:
        return redirect("journal:home")
    lang = "ru" if request.LANGUAGE_CODE in ("ru", "en") else "ky"
    job = Job.objects.create(
        user=request.user,
        school=school,
        kind=kind,
        params=params,
        lang=lang,
    )
    secret = new_job_key(request, job.pk)
    job.sealed_school_key = seal_school_key(secret, key)
    job.save(update_fields=["sealed_school_key"])
    try:
        run_job(job.pk, secret)
    except Exception:  # noqa: BLE001 — the queue is down: say so now rather than wait
        log.exception("could not queue job %s", job.pk)
        Job.objects.filter(pk=job.pk).update(status=Job.FAILED, sealed_school_key=None)
    return redirect("jobs:detail", pk=job.pk)


@login_required
def detail(request, pk):
    job = _get_job_for_user(request, pk)
    mine = job_key(request, job.pk) is not None
    response = render(request, "jobs/detail.html", {"job": job, "mine": mine})
    if not job.is_done:
        # The Refresh header reloads the page with scripts off (a <meta> refresh would do the
        # same but counts as an accessibility fault).
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@login_required
def download(request, pk):
    job = _get_job_for_user(request, pk)
    secret = job_key(request, job.pk)
    if job.status != Job.READY or secret is None or job.sealed_file is None:
        return redirect("jobs:detail", pk=job.pk)
    data = open_file(secret, job.sealed_file)
    if data is None:
        return redirect("jobs:detail", pk=job.pk)
    fmt = Job.FORMATS[job.kind]
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_list(request):
    jobs = Job.objects.for_user(request.user).select_related("school")
    return render(request, "jobs/list.html", {"jobs": jobs})
