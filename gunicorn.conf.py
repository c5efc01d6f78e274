"""Gunicorn settings for Ishenim: the systemd unit (deploy/) and the CI smoke test
(deploy/smoke.sh) both start `gunicorn -c gunicorn.conf.py`, so what CI tests is what runs.

Every value can be overridden from the environment (deploy/ishenim.env.example).
"""

import multiprocessing
import os

wsgi_app = "ishenim.wsgi:application"

# Loopback only: nginx in front terminates TLS and is the only client.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers, 2 x cores + 1 (gunicorn's advice for CPU-bound work), capped: each request
# that derives an Argon2 key holds up to VAULT_MEMLIMIT (64 MiB) while it runs.
workers = int(os.environ.get("GUNICORN_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 9))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # PDF documents of a whole year
graceful_timeout = 30
# Recycle workers now and then, so a slow leak in a library cannot grow for months.
max_requests = 2000
max_requests_jitter = 200

# The proxy's X-Forwarded-Proto is believed only from these addresses (nginx on this host).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# DESIGN.md §4: no client address or user agent in any log. No access log at all (its
# default format starts with %(h)s, the client address), and the error log at "error":
# gunicorn writes "Invalid request from ip=..." at "warning", so that level is not logged.
accesslog = None
errorlog = "-"  # stderr: the systemd journal
loglevel = "error"  # not configurable: lower levels would record client addresses

# No runtime control socket (gunicornc): nothing here uses it, one door fewer.
control_socket_disable = True

proc_name = "ishenim"
