from ishenim.testing import BaseTestCase


class SchoolListTests(BaseTestCase):
    def test_it_lists_schools_by_district(self):
        r = self.client.get("/")
        self.assertContains(r, "Ысык-Ата району")
        self.assertContains(r, 'href="/s/demo/"')

    def test_search_finds_a_school_by_part_of_its_name(self):
        r = self.client.get("/", {"q": "башка"})
        self.assertContains(r, 'href="/s/other/"')
        self.assertNotContains(r, 'href="/s/demo/"')

    def test_search_finds_schools_by_district(self):
        r = self.client.get("/", {"q": "Ысык-Ата"})
        self.assertContains(r, 'href="/s/demo/"')
        self.assertContains(r, 'href="/s/other/"')

    def test_search_with_no_match_says_so(self):
        r = self.client.get("/", {"q": "жок-мектеп"})
        self.assertContains(r, "жок-мектеп")
        self.assertNotContains(r, 'href="/s/demo/"')

    def test_pages_carry_no_script(self):
        for url in (
            "/",
            "/s/demo/",
            "/s/demo/write/",
            "/s/demo/write/anonymous/",
            "/s/demo/check/",
        ):
            r = self.client.get(url)
            self.assertNotContains(r, "<script", msg_prefix=url)
