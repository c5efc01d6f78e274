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
