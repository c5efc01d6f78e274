"""A browser's date input shows and edits only an ISO date (yyyy-mm-dd): a form that renders
its initial date as "31.08.2026" shows an empty field, and a person saving it loses the date."""

import datetime
import importlib

from django import forms
from django.test import SimpleTestCase

from ishenim.testing import PROJECT_APPS


def date_inputs():
    for app in sorted(PROJECT_APPS):
        for module_name in (f"{app}.forms", f"{app}.views", f"{app}.years"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            for name, form in vars(module).items():
                if not (isinstance(form, type) and issubclass(form, forms.BaseForm)):
                    continue
                if form.__module__ != module.__name__:
                    continue
                for field_name, field in form.base_fields.items():
                    widget = field.widget
                    if isinstance(widget, forms.DateInput) and widget.input_type == "date":
                        yield f"{module_name}.{name}.{field_name}", widget


class DateInputsShowTheirValueTests(SimpleTestCase):
    def test_every_date_input_renders_its_value_as_an_iso_date(self):
        found = list(date_inputs())
        self.assertGreater(len(found), 5)
        for where, widget in found:
            with self.subTest(where):
                self.assertEqual(widget.format_value(datetime.date(2026, 8, 31)), "2026-08-31")
