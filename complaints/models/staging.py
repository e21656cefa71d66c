"""Screenshots received ahead of their report: sent in parts (tus), or held for the check page."""

import uuid

from django.db import models


class StagedUpload(models.Model):
    """One file on its way into a report, before the report exists.

    It belongs to the browser session that sent it: its random id alone does not open it (an id
    is seen in an access log), and it is never used to send the file back. It ends as the
    report's evidence (and is deleted then), or is deleted by the periodic purge once
    STAGED_UPLOAD_HOURS have passed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The browser session that sent it (`staging.owner_of`: a keyed hash, not the session key),
    # the only one that may continue it or name it in a report.
    owner = models.CharField(max_length=64)
    name = models.CharField(max_length=255)  # the file's name on the citizen's phone, for the lists
    length = models.PositiveBigIntegerField()  # the whole file's size, declared at creation
    offset = models.PositiveBigIntegerField(default=0)  # bytes received so far, in order
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "staged upload"

    def __str__(self):
        return f"{self.name} ({self.offset}/{self.length})"

    @property
    def complete(self) -> bool:
        return self.offset == self.length


class StagedPart(models.Model):
    """The bytes of a staged upload from `offset` on, as one request brought them."""

    upload = models.ForeignKey(StagedUpload, on_delete=models.CASCADE, related_name="parts")
    offset = models.PositiveBigIntegerField()
    data = models.BinaryField()

    class Meta:
        verbose_name = "staged upload part"
        constraints = [models.UniqueConstraint(fields=["upload", "offset"], name="staged_part_once")]

    def __str__(self):
        return f"{self.upload_id} @ {self.offset}"
