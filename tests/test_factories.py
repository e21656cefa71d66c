"""Every model has a factory, and each makes a row the model itself accepts."""

import pytest
from django.apps import apps

from tests import factories

FACTORIES = [value for name, value in vars(factories).items() if name.endswith("Factory")]


def test_every_model_has_a_factory():
    covered = {factory._meta.model for factory in FACTORIES}
    assert set(apps.get_app_config("complaints").get_models()) <= covered


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_each_factory_makes_a_valid_row(ref, factory):
    row = factory()
    row.full_clean(exclude=["status"])  # a protected field: only the workflow sets it, even to itself
    assert type(row).objects.filter(pk=row.pk).exists()


def test_factory_made_cases_have_an_intact_timeline(ref):
    from django.core.management import call_command

    case = factories.CaseFactory()
    factories.EvidenceFactory(case=case)
    factories.CaseEventFactory(case=case)
    factories.EvidenceFactory(case=case)
    call_command("verify_timeline")  # exits non-zero, naming the case, on a broken chain
