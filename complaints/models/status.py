"""A case's public status, kept built (intake/status_pages.py)."""

from django.db import models

from .case import Case


class KeptStatus(models.Model):
    """The status page's body and the status API's data of a case in one language, as built at
    the case's `public_version` (and its primary's, for a duplicate that follows it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    version = models.PositiveBigIntegerField()
    followed_version = models.PositiveBigIntegerField(null=True)
    page = models.TextField()
    data = models.TextField()  # JSON, as the API answers it
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "language"], name="kept_status_once")]

    def __str__(self):
        return f"{self.case_id}:{self.language}@{self.version}"
