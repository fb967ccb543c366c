"""Django's PostgreSQL backend with a health check that costs no round trip while the server
has been silent.

With `CONN_HEALTH_CHECKS`, Django sends `SELECT 1` on the first use of a persistent connection
in every request, so that a connection the server closed (restart, failover, an idle timeout,
`pg_terminate_backend`) is replaced instead of failing the request. On a short request that
round trip is a noticeable share of the time (a registration makes six others).

A connection the server closed has something to read: PostgreSQL sends an error message
("terminating connection …") and closes the socket, and a killed server process leaves an
end-of-file. An idle connection with nothing to read has heard nothing from the server since
its last answer, so the `SELECT 1` is sent only when there is something to read (or the
connection is not idle). Trade-off: a peer that vanished without closing the socket (host
gone, network cut) is not noticed before the first query, which then fails; Django closes a
connection with errors at the end of that request, so the next request reconnects. With the
`SELECT 1` that request would have waited for the same network timeout.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled  # type: ignore[attr-defined]  # Django's, not in django-stubs
            and not self.health_check_done  # type: ignore[has-type]  # Django's, untyped
            and not self.pool
            and self._server_silent()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _server_silent(self) -> bool:
        """True when the idle connection has nothing to read: the server said nothing since
        its last answer (no error, no end-of-file)."""
        conn = self.connection
        if conn.closed or conn.broken or conn.info.transaction_status != pq.TransactionStatus.IDLE:
            return False
        try:
            readable, _, _ = select.select([conn.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable
