"""Issue: a browser test walks, in Kyrgyz: appoint a commission of 3 with a parents'
representative; hold the first meeting and elect chair and secretary; open the box, find 2
letters (one on a paper form with a code), register both, draw up and sign the act; the author
of the form letter reads the answer online with the stub's code; the weekly review lists the
week's appeals; minutes signed by all.

Every user has a browser context of their own (JavaScript off). Aida is the social pedagogue
responsible for appeals, Bolot a teacher, Dana the director; Gulnara Asanova, the parents'
representative, has no account: Aida records her vote and marks her signature on paper."""

import datetime
import re

from django.utils import timezone

from commission.models import Commission, CommissionMember, Meeting
from intake.models import PaperForm, print_form_codes
from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal
from openings.models import BoxOpening
from vault.crypto import format_receipt

PARENT = "Гүлнара Асанова"
FORM_LETTER = "Биздин класста бир баланы урушат. Мугалимге айтууга коркобуз."
PLAIN_LETTER = "Ашканадагы тамак суук болуп калат. Жылуу тамак беришсин."
ANSWER = "Катыңыз үчүн рахмат. Класс жетекчиңиз менен сүйлөштүк, шаршемби күнү жолугабыз."


class CommissionWalkTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        # The printed paper form: its stub with the code stays with the pupil.
        self.code = print_form_codes(self.school, 1)[0]
        # An appeal of a month ago: not in this week's review.
        self.old, _code = self.submit(
            "Өткөн айдагы кат.", received_on=timezone.localdate() - datetime.timedelta(days=30)
        )

    def login(self, username):
        page = self.new_page(width=1280)
        page.goto(f"{self.live_server_url}/staff/login/")
        page.get_by_label("Логин").fill(username)
        page.get_by_label("Сырсөз").fill(PASSWORD)
        page.get_by_role("button", name="Кирүү").click()
        self.assertNotIn("/login/", page.url)
        return page

    def main_text(self, page):
        return page.locator("main").inner_text()

    def test_commission_opening_answer_review_and_minutes(self):
        aida = self.login("aida")
        today = timezone.localdate()

        # 1. The order appointing a commission of 3, put in force.
        aida.get_by_role("link", name="Комиссия", exact=True).click()
        aida.get_by_role("link", name="Жаңы буйрук").click()
        aida.get_by_label("Буйруктун номери").fill("14-к")
        aida.get_by_label("Буйруктун датасы").fill(today.isoformat())
        aida.locator("#id_members-0-user").select_option(label="Аида Токтобаева")
        aida.locator("#id_members-0-role").select_option(label="социалдык педагог")
        aida.locator("#id_members-0-is_responsible").check()
        aida.locator("#id_members-1-user").select_option(label="Болот Иманов")
        aida.locator("#id_members-1-role").select_option(label="мугалим")
        aida.locator("#id_members-2-full_name").fill(PARENT)
        aida.locator("#id_members-2-role").select_option(label="ата-энелер коомчулугунун өкүлү")
        self.shot(aida, "commission-01-order-form")
        aida.get_by_role("button", name="Сактап, күчүнө киргизүү").click()
        text = self.main_text(aida)
        self.assertIn("Буйрук күчүнө кирди.", text)
        self.assertIn("Абалы: күчүндө", text)
        self.assertNotIn("долбоор", text)
        self.assertEqual(aida.get_by_role("alert").count(), 0)
        for name in ("Аида Токтобаева", "Болот Иманов", PARENT):
            self.assertIn(name, text)
        self.assertIn("аккаунту жок", text)
        commission = Commission.objects.get(order_number="14-к")
        self.assertEqual(commission.status, Commission.ACTIVE)
        self.assertEqual(commission.draft_reason, "")
        self.assertAccessible(aida, "commission-01-order")

        # 2. The first meeting: candidates, the open vote of all three, the result applied.
        aida.get_by_role("link", name="Комиссия", exact=True).click()
        aida.get_by_role("link", name="Жаңы жыйналыш").click()
        aida.get_by_label("Жыйналыштын датасы").fill(today.isoformat())
        aida.get_by_label("Жыйналыштын түрү").select_option(
            label="биринчи жыйналыш (төрага жана катчыны шайлоо)"
        )
        for box in aida.locator("input[name=attendance]").all():
            box.check()
        aida.get_by_label("Күн тартиби").fill("Төрага жана катчыны ачык добуш менен шайлоо.")
        aida.get_by_label("Протоколдун тексти").fill("Комиссиянын биринчи жыйналышы өттү.")
        aida.get_by_role("button", name="Жыйналышты каттоо").click()
        first = Meeting.objects.get(kind=Meeting.FIRST)
        first_url = f"{self.live_server_url}/staff/commission/meetings/{first.pk}/"
        self.assertEqual(aida.url, first_url)

        members = {m.full_name: m for m in commission.members.all()}
        for position, name in (
            ("төрага", "Болот Иманов — мугалим"),
            ("катчы", "Аида Токтобаева — социалдык педагог"),
        ):
            aida.locator("#id_cand-position").select_option(label=position)
            aida.locator("#id_cand-member").select_option(label=name)
            aida.get_by_role("button", name="Талапкерди кошуу").click()

        def vote(page, voter, chair="Болот Иманов", secretary="Аида Токтобаева"):
            for position, candidate in (("төрага", chair), ("катчы", secretary)):
                page.locator("#id_vote-position").select_option(label=position)
                page.locator("#id_vote-candidate").select_option(label=candidate)
                page.locator("#id_vote-voter").select_option(value=str(members[voter].pk))
                page.get_by_role("button", name="Добуш берүү", exact=True).click()
                self.assertIn("Добуш катталды.", self.main_text(page))

        vote(aida, "Аида Токтобаева")
        # The parents' representative votes aloud; Aida records it for her.
        parent_option = aida.locator(f"#id_vote-voter option[value='{members[PARENT].pk}']")
        self.assertNotRegex(parent_option.inner_text(), r"[A-Za-z]")
        vote(aida, PARENT)

        bolot = self.login("bolot")
        bolot.goto(first_url)
        vote(bolot, "Болот Иманов")

        aida.goto(first_url)
        aida.get_by_role(
            "button", name="Жыйынтыкты колдонуу: төрага менен катчыны белгилөө"
        ).click()
        text = self.main_text(aida)
        self.assertIn("Төрага жана катчы шайланды.", text)
        self.assertIn("Болот Иманов · төрага", text)
        self.assertIn("Аида Токтобаева · катчы", text)
        self.assertEqual(aida.get_by_text("шайланды", exact=True).count(), 2)
        aida.get_by_text("Ким кимге добуш берди").click()
        self.assertIn(f"{PARENT} → Болот Иманов", self.main_text(aida))
        self.assertAccessible(aida, "commission-02-election")
        self.assertEqual(commission.chair.full_name, "Болот Иманов")
        self.assertEqual(commission.secretary.full_name, "Аида Токтобаева")

        # 3. The box opened by the commission; two letters registered; the act signed.
        aida.get_by_role("link", name="Кутуну ачуу", exact=True).click()
        aida.get_by_role("link", name="Жаңы ачуу").click()
        when = timezone.localtime() - datetime.timedelta(minutes=10)
        aida.get_by_label("Кутуча ачылган күн").fill(when.date().isoformat())
        aida.get_by_label("Ачылган убакыт (саат:мүнөт)").fill(when.strftime("%H:%M"))
        aida.get_by_label("механикалык бузулуу жок").check()
        aida.locator("#id_seal_state_0").check()  # intact
        aida.get_by_label("Алынган пломбанын номери").fill("№ 0412")
        aida.get_by_label("Коюлган жаңы пломбанын номери").fill("№ 0413")
        aida.get_by_label("кайрылуулар табылды").check()
        present = aida.locator("input[name=members_present]")
        self.assertEqual(present.count(), 3)
        for box in present.all():
            box.check()
        self.shot(aida, "openings-01-new")
        aida.get_by_role("button", name="Ачууну жазуу").click()
        opening = BoxOpening.objects.get(school=self.school)
        opening_url = f"{self.live_server_url}/staff/openings/{opening.pk}/"
        self.assertEqual(aida.url, opening_url)
        self.assertIn("№ 1 ачуу жазылды.", self.main_text(aida))

        aida.locator("#id_letter-text").fill(PLAIN_LETTER)
        aida.locator("#id_letter-note").fill("конвертте")
        aida.get_by_role("button", name="Каттап, актыга кошуу").click()
        self.assertIn("актынын тизмесине 1-сап болуп кошулду", self.main_text(aida))
        aida.locator("#id_letter-text").fill(FORM_LETTER)
        aida.locator("#id_letter-note").fill("басылган формада")
        aida.locator("#id_letter-form_code").fill(format_receipt(self.code))
        aida.get_by_role("button", name="Каттап, актыга кошуу").click()
        self.assertIn("актынын тизмесине 2-сап болуп кошулду", self.main_text(aida))
        plain, form = (letter.appeal for letter in opening.letters.order_by("position"))
        self.assertTrue(plain.number and form.number)
        self.assertEqual(PaperForm.objects.get(school=self.school).appeal_id, form.pk)

        aida.get_by_role("button", name="Актыга кол коюу").click()
        self.assertIn("Сиз актыга кол койдуңуз.", self.main_text(aida))
        bolot.goto(opening_url)
        bolot.get_by_role("button", name="Актыга кол коюу").click()
        self.assertIn("Сиз актыга кол койдуңуз.", self.main_text(bolot))
        dana = self.login("dana")
        dana.goto(opening_url)
        dana.get_by_role("button", name="Актыга кол коюу").click()
        text = self.main_text(dana)
        self.assertIn("Актыга баары кол койду.", text)
        self.assertIn("Мектептин директору", text)
        self.assertIn("Комиссиянын төрагасы", text)
        self.assertIn("басылган актыга кол коёт (кызматкер аккаунту жок)", text)
        self.assertEqual(dana.get_by_text("электрондук кол коюлду", exact=False).count(), 3)
        aida.goto(opening_url)
        self.assertIn("Актыга баары кол койду.", self.main_text(aida))
        # The seal numbers were typed with a "№": the page writes it once.
        self.assertIn("№ 0412", self.main_text(aida))
        self.assertNotIn("№ №", self.main_text(aida))
        self.assertTrue(opening.is_signed_by_all())
        self.assertAccessible(aida, "openings-02-act")
        pdf_href = aida.get_by_role("link", name="Акт PDF түрүндө").get_attribute("href")
        pdf = aida.request.get(f"{self.live_server_url}{pdf_href}")
        self.assertEqual(pdf.status, 200)
        self.assertTrue(pdf.body().startswith(b"%PDF"))

        # 4. Aida answers the form letter; its author reads the answer with the stub's code.
        aida.get_by_role("link", name=f"№ {form.number}", exact=True).click()
        self.assertIn(FORM_LETTER, self.main_text(aida))
        aida.locator("#id_reply-text").fill(ANSWER)
        aida.get_by_role("button", name="Жөнөтүү", exact=True).click()
        self.shot(aida, "openings-03-answer")

        author = self.new_page()
        author.goto(f"{self.live_server_url}/s/demo/check/")
        author.get_by_label("Кайрылуунун коду").fill(format_receipt(self.code))
        author.get_by_role("button", name="Ачуу").click()
        self.assertTrue(re.search(r"/s/demo/conversation/$", author.url))
        self.assertIn(FORM_LETTER, self.main_text(author))
        self.assertIn(ANSWER, self.main_text(author))
        self.assertAccessible(author, "commission-03-author-reads-answer")

        # 5. The weekly review: the week's two letters, not last month's appeal.
        aida.get_by_role("link", name="Комиссия", exact=True).click()
        aida.get_by_role("link", name="Жумалык кароону баштоо").click()
        self.assertEqual(aida.get_by_label("Жыйналыштын түрү").input_value(), Meeting.WEEKLY_REVIEW)
        aida.get_by_role("button", name="Жыйналышты каттоо").click()
        review = Meeting.objects.get(kind=Meeting.WEEKLY_REVIEW)
        self.assertIn(f"/meetings/{review.pk}/", aida.url)
        agenda = review.agenda
        self.assertIn(f"— № {plain.number},", agenda)
        self.assertIn(f"— № {form.number},", agenda)
        self.assertNotIn(self.old.tag, agenda)
        text = self.main_text(aida)
        self.assertIn(f"— № {plain.number},", text)
        self.assertIn(f"— № {form.number},", text)
        self.assertNotIn(self.old.tag, text)
        self.assertEqual(aida.locator(f"#a{plain.pk}").count(), 1)
        self.assertEqual(aida.locator(f"#a{form.pk}").count(), 1)
        self.assertEqual(aida.locator(f"#a{self.old.pk}").count(), 0)
        self.assertIn(PLAIN_LETTER.split(".")[0], aida.locator(f"#a{plain.pk}").inner_text())
        self.assertAccessible(aida, "commission-04-weekly-review")

        # 6. The first meeting's minutes signed by all: Aida, Gulnara on paper, Bolot.
        aida.goto(first_url)
        aida.get_by_role("button", name="Протоколду окудум жана кол коём").click()
        self.assertIn("Сиз протоколго кол койдуңуз.", self.main_text(aida))
        aida.locator("#id_paper-member").select_option(label=PARENT)
        aida.get_by_role("button", name="Белгилөө: басылган нускага кол коёт").click()
        self.assertIn("басылган нускага кол коёт", self.main_text(aida))
        self.assertNotIn("бүттү", self.main_text(aida))
        bolot.goto(first_url)
        bolot.get_by_role("button", name="Протоколду окудум жана кол коём").click()
        text = self.main_text(bolot)
        self.assertIn("бүттү: бардык мүчөлөр кол койду", text)
        self.assertNotIn("азырынча кол коюлган жок", text)
        self.assertEqual(
            bolot.get_by_role("button", name="Протоколду окудум жана кол коём").count(), 0
        )
        first.refresh_from_db()
        self.assertTrue(first.is_final)
        self.assertEqual(first.signatures.count(), 3)
        self.shot(bolot, "commission-05-minutes-final")
        self.assertEqual(Appeal.objects.filter(school=self.school).count(), 3)
        self.assertEqual(
            set(
                CommissionMember.objects.filter(commission=commission).values_list(
                    "position", flat=True
                )
            ),
            {CommissionMember.CHAIR, CommissionMember.SECRETARY, CommissionMember.MEMBER},
        )
