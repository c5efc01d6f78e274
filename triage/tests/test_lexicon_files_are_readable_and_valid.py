import tempfile
import tomllib
from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import (
    CATEGORIES,
    LEXICON_DIR,
    MAX_REASON_LENGTH,
    Lexicon,
    LexiconError,
    classify,
    get_lexicon,
)

REASONS = 'about_ky = "Жаңы дары жөнүндө жазат"\nabout_ru = "Пишет о новом лекарстве"'


class LexiconTests(SimpleTestCase):
    def test_every_rule_says_what_it_catches(self):
        for path in LEXICON_DIR.glob("*.toml"):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for rule in data.get("rule", []):
                with self.subTest(file=path.name, rule=rule.get("id")):
                    self.assertTrue(rule.get("about"), "a rule needs an 'about' line")
                    self.assertTrue(rule.get("patterns"))

    def test_every_rule_has_a_reason_for_staff_in_kyrgyz_and_russian(self):
        for path in LEXICON_DIR.glob("*.toml"):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for rule in data.get("rule", []):
                with self.subTest(file=path.name, rule=rule.get("id")):
                    ky, ru = rule.get("about_ky", ""), rule.get("about_ru", "")
                    self.assertTrue(ky.strip() and ru.strip(), "about_ky and about_ru are needed")
                    self.assertLessEqual(max(len(ky), len(ru)), MAX_REASON_LENGTH)
                    self.assertNotEqual(ky, ru)
                    self.assertNotIn(rule["id"], ky + ru, "a reason is words, not the rule's id")

    def test_a_rule_without_a_reason_in_both_languages_is_refused(self):
        for missing in ("about_ky", "about_ru"):
            with self.subTest(missing=missing), tempfile.TemporaryDirectory() as tmp:
                lines = [line for line in REASONS.split("\n") if not line.startswith(missing)]
                (Path(tmp) / "study.toml").write_text(
                    'category = "study"\n[[rule]]\nid = "quiet"\n'
                    + "\n".join(lines)
                    + '\npatterns = ["сабак"]\n',
                    "utf-8",
                )
                with self.assertRaisesMessage(LexiconError, f"study.quiet: {missing}"):
                    Lexicon(Path(tmp))

    def test_every_category_has_rules(self):
        categories = {r.category for r in get_lexicon().score_rules}
        self.assertEqual(categories, set(CATEGORIES))

    def test_a_readme_explains_the_format(self):
        self.assertIn("patterns", (LEXICON_DIR / "README.md").read_text(encoding="utf-8"))

    def test_a_supervisor_can_add_a_rule_in_a_new_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            for path in LEXICON_DIR.glob("*.toml"):
                (Path(tmp) / path.name).write_text(path.read_text(encoding="utf-8"), "utf-8")
            (Path(tmp) / "local.toml").write_text(
                'category = "substances"\n[[rule]]\nid = "local_word"\nabout = "test"\n'
                f"{REASONS}\n"
                'level = "attention"\nweight = 5\npatterns = ["жаңы дары"]\n',
                "utf-8",
            )
            lex = Lexicon(Path(tmp))
            self.assertIn("substances.local_word", lex.rules)
        self.assertNotIn("substances.local_word", classify("жаңы дарылар").rules)

    def assertRefusedByName(self, category, rule_body, name):
        """A lexicon of one file holding this rule does not load, and says which rule."""
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "bad.toml").write_text(
                f'category = "{category}"\n[[rule]]\nid = "x"\n{REASONS}\n{rule_body}', "utf-8"
            )
            with self.assertRaisesMessage(LexiconError, name):
                Lexicon(Path(tmp))

    def test_a_broken_rule_is_reported_by_name(self):
        self.assertRefusedByName("study", 'near = ["cue.nope"]\npatterns = ["a"]\n', "study.x")

    def test_a_hyphenated_word_among_alternatives_is_refused(self):
        """«апам|ата-энем уруп» would silently become «апам|ата» + «энем» + «уруп»."""
        self.assertRefusedByName(
            "family", 'about = "x"\npatterns = ["апам|ата-энем уруп"]\n', "family.x"
        )
