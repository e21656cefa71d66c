from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Pengaduan netralitas ASN"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_after_migrate, sender=self)


def _after_migrate(*, using, **kwargs):
    """Finish what `migrate` alone must leave working (DESIGN §7): the role groups, the deadline
    rules and cited collective leave the deadlines need, and the table of the database cache that
    holds the rate-limit counters by default."""
    from django.core.management import call_command

    from .permissions import groups_ensure
    from .reference import loaders

    groups_ensure()
    loaders.deadline_rules_load()
    loaders.collective_leave_load()
    call_command("createcachetable", database=using, verbosity=0)
