"""A case's public status, kept built (intake/status_pages.py)."""

from django.db import models

from .case import Case


class KeptStatus(models.Model):
    """The status page's body and the status API's answer of a case in one language.

    `stale` is set by the database (migrations/_kept_status.py) at every change the status shows,
    of the case or of the primary it follows; a look-up reads only a row that is not stale.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    ticket = models.CharField(max_length=13)  # the look-up's key, with the language: one index
    language = models.CharField(max_length=8)
    followed = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    stale = models.BooleanField(default=False)
    page = models.TextField()
    data = models.TextField()  # JSON, as the API answers it
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ticket", "language"], name="kept_status_once")]

    def __str__(self):
        return f"{self.ticket}:{self.language}"
