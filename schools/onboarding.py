"""National onboarding: the ministry's list of schools, imported whole (import_schools).

All or nothing per file: the list is one document from one sender; a half-imported file
leaves the operator guessing which lines went in, while a refused file is fixed and sent
again. Every bad line is reported at once, so one correction round is enough. Idempotent:
schools are matched by their code, and a second run of the same file changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from schools.models import District, Enrolment

COLUMNS = [
    "code",
    "name_ky",
    "name_ru",
    "district_ky",
    "district_ru",
    "region",
    "language",
    "regulation",
    "responsible_email",
    "director_email",
]
REQUIRED = set(COLUMNS) - {"director_email"}
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
LANGUAGES = {code for code, _name in Enrolment.LANGUAGE_CHOICES}
REGULATIONS = {code for code, _name in Enrolment.REGULATION_CHOICES}
FIELDS = ["name_ky", "name_ru", "region", "language", "regulation"]
FIELDS += ["responsible_email", "director_email"]


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: int = 0  # responsible persons sent an invitation (issue 16)
    errors: list = field(default_factory=list)  # ["line 7: ..."]


def read_rows(text):
    """[(line number, {column: value})] of a CSV text; comma, semicolon or tab separated (a
    spreadsheet saved in Russian locale uses semicolons)."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"line 1: missing column(s): {', '.join(missing)}")
    return [
        (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
        for row in reader
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]


def _row_errors(row, limits):
    errors = [f"{c} is empty" for c in COLUMNS if c in REQUIRED and not row.get(c)]
    if row.get("code") and not CODE.match(row["code"]):
        errors.append(f"code {row['code']!r}: letters, digits, - and _ only, at most 20")
    for column, limit in limits.items():
        if len(row.get(column, "")) > limit:
            errors.append(f"{column} is longer than {limit} characters")
    if row.get("language") and row["language"].lower() not in LANGUAGES:
        errors.append(f"language {row['language']!r} is not one of {', '.join(sorted(LANGUAGES))}")
    if row.get("regulation") and row["regulation"].upper() not in REGULATIONS:
        errors.append(f"regulation {row['regulation']!r} is not A or B")
    for column in ("responsible_email", "director_email"):
        if row.get(column):
            try:
                validate_email(row[column])
            except ValidationError:
                errors.append(f"{column} {row[column]!r} is not an e-mail address")
    return errors


def import_schools(text, *, dry_run=False):
    """Validate every line, then import all of them in one transaction, or none."""
    result = Result()
    try:
        rows = read_rows(text)
    except ValueError as error:
        result.errors.append(str(error))
        return result
    limits = {
        "code": 20,
        "name_ky": 300,
        "name_ru": 300,
        "district_ky": 200,
        "district_ru": 200,
        "region": 100,
        "responsible_email": 254,
        "director_email": 254,
    }
    seen = {}
    for line, row in rows:
        errors = _row_errors(row, limits)
        code = row.get("code", "").upper()
        if code and code in seen:
            errors.append(f"code {row['code']!r} is already on line {seen[code]}")
        seen.setdefault(code, line)
        result.errors.extend(f"line {line}: {e}" for e in errors)
    if result.errors:
        return result
    if not rows:
        result.errors.append("the file has no schools")
        return result

    now = timezone.now()
    with transaction.atomic():
        districts = _districts({(r["district_ky"], r["district_ru"]) for _line, r in rows})
        existing = {
            e.code: e
            for e in Enrolment.objects.filter(code__in=[r["code"].upper() for _l, r in rows])
        }
        new, changed = [], []
        for _line, row in rows:
            values = {
                "name_ky": row["name_ky"],
                "name_ru": row["name_ru"],
                "region": row["region"],
                "language": row["language"].lower(),
                "regulation": row["regulation"].upper(),
                "responsible_email": row["responsible_email"].lower(),
                "director_email": row["director_email"].lower(),
            }
            district = districts[row["district_ky"]]
            enrolment = existing.get(row["code"].upper())
            if enrolment is None:
                new.append(Enrolment(code=row["code"].upper(), district=district, **values))
                continue
            values["district_id"] = district.pk
            if all(getattr(enrolment, k) == v for k, v in values.items()):
                result.unchanged += 1
                continue
            for k, v in values.items():
                setattr(enrolment, k, v)
            enrolment.updated_at = now
            changed.append(enrolment)
        Enrolment.objects.bulk_create(new, batch_size=500)
        if changed:
            Enrolment.objects.bulk_update(
                changed, FIELDS + ["district", "updated_at"], batch_size=500
            )
        result.created, result.updated = len(new), len(changed)
        if not dry_run:
            from accounts.school_keys import invite_enrolled

            codes = [r["code"].upper() for _l, r in rows]
            result.invited = invite_enrolled(list(Enrolment.objects.filter(code__in=codes)))
        if dry_run:
            transaction.set_rollback(True)
    return result


def _districts(names):
    """{name_ky: District}, made where missing; matched by the Kyrgyz name as create_school
    does."""
    wanted = {ky: ru for ky, ru in names}
    found = {}
    for district in District.objects.filter(name_ky__in=wanted).order_by("pk"):
        found.setdefault(district.name_ky, district)
    missing = [District(name_ky=ky, name_ru=ru) for ky, ru in wanted.items() if ky not in found]
    District.objects.bulk_create(missing)
    for district in District.objects.filter(name_ky__in=[d.name_ky for d in missing]):
        found.setdefault(district.name_ky, district)
    return found
