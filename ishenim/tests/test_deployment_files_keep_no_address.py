"""DESIGN.md §4 in the deployment files: nginx logs no client address, and passes it to the app
only in the header that ishenim/throttle.py hashes for the per-source limits (without it every
request behind the proxy comes from 127.0.0.1 and those limits are one bucket for everybody)."""

import re
from pathlib import Path

from django.test import SimpleTestCase

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


class DeploymentFilesTests(SimpleTestCase):
    def test_nginx_logs_no_address_or_browser(self):
        conf = (DEPLOY / "nginx.conf").read_text()
        for line in re.findall(r"log_format[^;]*;", conf, flags=re.S):
            for variable in ("$remote_addr", "$http_user_agent", "$http_x_forwarded_for"):
                self.assertNotIn(variable, line)

    def test_the_proxy_passes_the_address_in_the_header_the_app_reads(self):
        conf = (DEPLOY / "nginx.conf").read_text()
        env = (DEPLOY / "ishenim.env.example").read_text()
        self.assertIn("proxy_set_header X-Real-IP $remote_addr;", conf)
        self.assertRegex(env, r"(?m)^SOURCE_ADDRESS_HEADER=HTTP_X_REAL_IP$")


ROOT = DEPLOY.parent
# The ways Django code reaches a client's address or browser; the proxy header is a setting.
READS_ADDRESS = re.compile(
    r"REMOTE_ADDR|HTTP_USER_AGENT|HTTP_X_FORWARDED_FOR|HTTP_X_REAL_IP|SOURCE_ADDRESS_HEADER"
    r"|headers\.get\([\"'](?:User-Agent|X-Forwarded-For|X-Real-IP)",
    re.I,
)


class OnePlaceReadsTheAddressTests(SimpleTestCase):
    def test_only_the_throttle_reads_the_client_address_or_user_agent(self):
        """One place to audit: ishenim/throttle.py reads the address and hashes it at once;
        no other application module reads it or the user agent (settings name the header;
        tests and benchmarks play clients)."""
        readers = set()
        for path in ROOT.rglob("*.py"):
            rel = path.relative_to(ROOT)
            if rel.parts[0] in (".venv", "var", "bench", "deploy") or "tests" in rel.parts:
                continue
            if READS_ADDRESS.search(path.read_text(encoding="utf-8")):
                readers.add(rel.as_posix())
        self.assertEqual(readers, {"ishenim/throttle.py", "ishenim/settings.py"})
        settings_py = (ROOT / "ishenim" / "settings.py").read_text(encoding="utf-8")
        self.assertNotRegex(settings_py, r"META|REMOTE_ADDR|USER_AGENT")
