"""Rate limits kept in the database when no Redis is configured (`complaints.ratelimit`)."""

from django.db import models


class RateBucket(models.Model):
    """The recent requests of one client for one limit: their times, newest last.

    The row is locked while a request is counted, so concurrent requests are counted one by one,
    in every process; times older than the limit's period are dropped as it goes.
    """

    key = models.CharField(max_length=200, unique=True)
    hits = models.JSONField(default=list)  # POSIX timestamps, at most the limit's count
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "rate limit bucket"

    def __str__(self):
        return self.key
