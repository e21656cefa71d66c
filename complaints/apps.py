from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Pengaduan netralitas ASN"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_role_groups, sender=self)


def _ensure_role_groups(**kwargs):
    from .roles import groups_ensure

    groups_ensure()
