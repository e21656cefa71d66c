"""Incidents (DESIGN §6): the many reports of one post, grouped so an office handles them once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Incident(models.Model):
    """A group of cases about the same post, screenshot or civil servant on the same day.

    Grouping is a suggestion: officials split a case out or merge two incidents, each change in
    the cases' timelines. The primary is the case that carries on; `link_duplicates` makes every
    other open case its duplicate.
    """

    post_key = models.CharField(_("kunci unggahan"), max_length=200, blank=True)  # incidents.posts.post_key
    post_url = models.URLField(_("tautan unggahan"), max_length=2000, blank=True)  # the first link seen
    primary = models.ForeignKey(
        "complaints.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laporan utama"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("insiden")
        verbose_name_plural = _("insiden")
        constraints = [
            # Two workers grouping the first reports of one post at once create one incident.
            models.UniqueConstraint(fields=["post_key"], condition=~models.Q(post_key=""), name="incident_unique_post")
        ]

    def __str__(self):
        return f"#{self.pk} {self.post_key}"
