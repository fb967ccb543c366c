"""gunicorn settings for production (`make serve-prod`); override with GUNICORN_CMD_ARGS."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
# Load the application once, in the master: a worker restarted after max_requests is then a
# fork, not a fresh import and app set-up (about 2.5 s of CPU each; at ~1,000 req/s over four
# workers a restart came every ten seconds or so). beko/wsgi.py also imports the views there and
# freezes what it loaded out of the garbage collector's walks (full collections paused requests).
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # requests are logged by the app itself, in JSON
errorlog = "-"


def pre_fork(server, worker):  # gunicorn calls it with these two
    """Nothing the master opened while loading the app may be shared by two workers."""
    from django.db import connections

    connections.close_all()
