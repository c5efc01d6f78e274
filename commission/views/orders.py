"""Orders that appoint the commission (regulation B 4.1, 4.2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from commission.forms import (
    MEMBER_ROWS,
    MemberFormSet,
    OrderForm,
)
from commission.meetings import (
    put_into_force,
    save_composition,
)
from commission.models import Commission, CommissionMember
from commission.views.access import (
    MAX_ROWS,
    _forbidden,
    _get_commission_for_user,
    _get_school_for_user,
    can_appoint,
)

# --- orders (regulation B 4.1, 4.2) -----------------------------------------------------------


@login_required
def orders(request, slug):
    school = _get_school_for_user(request, slug)
    items = list(Commission.objects.filter(school=school).prefetch_related("members"))
    return render(
        request,
        "commission/orders.html",
        {"school": school, "orders": items, "may_appoint": can_appoint(request.user, school)},
    )


def _tell_removed(request, removed):
    """Regulation B 4: the order that leaves a member out ends their access; the new key is
    offered at once (they may have kept a copy of the old one)."""
    if removed:
        messages.warning(
            request,
            _(
                "Access to the letters ended for: %(names)s. They may have kept a copy of the "
                "key: a key holder should start a new key now on the school key page."
            )
            % {"names": ", ".join(u.get_full_name() or u.username for u in removed)},
        )


def _member_initial(commission):
    return [
        {
            "user": m.user_id,
            "full_name": "" if m.user_id else m.full_name,
            "role": m.role,
            "is_responsible": m.is_responsible,
        }
        for m in commission.members.all()
    ]


def _rows(initial, wanted=MEMBER_ROWS):
    return initial + [{}] * max(0, wanted - len(initial))


def _order_form(request, school, commission=None):
    """The order and its members; shared by a new order and the editing of a draft."""
    if request.method == "POST":
        data = request.POST.copy()
        form = OrderForm(data)
        if "more" in data:  # more member rows, keeping everything typed (no JavaScript)
            total = int(data.get("members-TOTAL_FORMS") or 0)
            data["members-TOTAL_FORMS"] = str(min(total + 3, MAX_ROWS))
            formset = MemberFormSet(data, prefix="members", form_kwargs={"school": school})
            return form, formset, None
        formset = MemberFormSet(data, prefix="members", form_kwargs={"school": school})
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                if commission is None:
                    commission = Commission.objects.create(
                        school=school, created_by=request.user, **form.cleaned_data
                    )
                else:
                    for name, value in form.cleaned_data.items():
                        setattr(commission, name, value)
                    commission.save()
                    commission.members.all().delete()
                for row in formset.forms:
                    if row.is_blank:
                        continue
                    d = row.cleaned_data
                    user = d.get("user")
                    name = (d.get("full_name") or "").strip()
                    CommissionMember.objects.create(
                        commission=commission,
                        user=user,
                        full_name=name or (user.get_full_name() or user.username),
                        role=d["role"],
                        is_responsible=d["is_responsible"],
                    )
                problems = save_composition(commission, request.user, "in_force" in data)
            if problems:
                messages.error(
                    request,
                    _("The order is saved as a draft: %(reasons)s")
                    % {"reasons": " ".join(problems)},
                )
            elif commission.status == Commission.ACTIVE:
                messages.success(request, _("The order is in force."))
                _tell_removed(request, getattr(commission, "removed", []))
            else:
                messages.success(request, _("The order is saved as a draft."))
            return form, formset, commission
        return form, formset, None
    if commission is not None:
        form = OrderForm(
            initial={"order_number": commission.order_number, "order_date": commission.order_date}
        )
        initial = _member_initial(commission)
    else:
        form = OrderForm(initial={"order_date": timezone.localdate()})
        current = Commission.objects.current(school)
        initial = _member_initial(current) if current else []
    formset = MemberFormSet(
        prefix="members", initial=_rows(initial), form_kwargs={"school": school}
    )
    return form, formset, None


@login_required
def order_new(request, slug):
    school = _get_school_for_user(request, slug)
    if not can_appoint(request.user, school):
        return _forbidden(
            request,
            school,
            _("Only the responsible person, the director or the administrator appoint."),
        )
    form, formset, saved = _order_form(request, school)
    if saved:
        return redirect("commission:order", pk=saved.pk)
    return render(
        request,
        "commission/order_form.html",
        {"school": school, "form": form, "formset": formset, "commission": None},
    )


@login_required
def order_edit(request, pk):
    commission = _get_commission_for_user(request, pk)
    school = commission.school
    if not can_appoint(request.user, school):
        return _forbidden(
            request,
            school,
            _("Only the responsible person, the director or the administrator appoint."),
        )
    if commission.status != Commission.DRAFT:
        messages.error(
            request, _("An order in force is not changed: appoint by a new order instead.")
        )
        return redirect("commission:order", pk=commission.pk)
    form, formset, saved = _order_form(request, school, commission)
    if saved:
        return redirect("commission:order", pk=saved.pk)
    return render(
        request,
        "commission/order_form.html",
        {"school": school, "form": form, "formset": formset, "commission": commission},
    )


@login_required
def order_detail(request, pk):
    commission = _get_commission_for_user(request, pk)
    school = commission.school
    may_appoint = can_appoint(request.user, school)
    problems = commission.problems()
    if request.method == "POST":
        if not may_appoint:
            return _forbidden(
                request,
                school,
                _("Only the responsible person, the director or the administrator appoint."),
            )
        if commission.status != Commission.DRAFT:
            messages.error(request, _("Only a draft order can be put in force."))
        elif problems:
            messages.error(
                request,
                _("This composition can't be put in force yet: %(reasons)s")
                % {"reasons": " ".join(str(p) for p in problems)},
            )
        else:
            removed = put_into_force(commission, request.user)
            messages.success(request, _("The order is in force."))
            _tell_removed(request, removed)
        return redirect("commission:order", pk=commission.pk)
    return render(
        request,
        "commission/order_detail.html",
        {
            "school": school,
            "commission": commission,
            "members": commission.members.select_related("user"),
            "problems": problems,
            "may_appoint": may_appoint,
        },
    )
