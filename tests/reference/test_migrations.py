"""The 0006 migration carries existing data into the law as it stands."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("complaints", "0005_forwarding_events")]
AFTER = [("complaints", "0006_law_as_it_stands")]


@pytest.mark.django_db(transaction=True)
def test_existing_elections_agencies_and_rules_are_carried_over():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Election, Agency, RoutingRule = (
        old.get_model("complaints", name) for name in ("Election", "Agency", "RoutingRule")
    )
    D = datetime.date
    Election.objects.create(
        slug="pemilu-2024", name="Pemilu 2024", type="pemilu", voting_date=D(2024, 2, 14),
        campaign_start=D(2023, 11, 28), campaign_end=D(2024, 2, 10),
    )  # fmt: skip
    Election.objects.create(
        slug="pilkada-sela", name="Pilkada Sela", type="pilkada", voting_date=D(2025, 8, 6),
        campaign_start=D(2025, 6, 1), campaign_end=D(2025, 8, 2),
    )  # fmt: skip
    Agency.objects.create(kind="kasn", name="KASN", email="k@x.example", valid_until=D(2024, 8, 22))
    Agency.objects.create(kind="bkn", name="BKN", email="b@x.example", valid_from=D(2024, 8, 23))
    Agency.objects.create(kind="bawaslu", name="Bawaslu RI", email="w@x.example")
    RoutingRule.objects.create(category="disiplin", agency_kinds=["bawaslu"], only_while_election_runs=True)
    RoutingRule.objects.create(category="disiplin", agency_kinds=["kasn", "bkn"], scope="national")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Election, Agency, RoutingRule = (
        new.get_model("complaints", name) for name in ("Election", "Agency", "RoutingRule")
    )
    pemilu, sela = Election.objects.get(slug="pemilu-2024"), Election.objects.get(slug="pilkada-sela")
    assert (pemilu.stages_start, pemilu.stages_end) == (D(2022, 6, 14), D(2024, 10, 20))
    assert (sela.stages_start, sela.stages_end) == (D(2025, 6, 1), D(2025, 9, 5))  # from its campaign, as a start
    kasn, bkn = Agency.objects.get(kind="kasn"), Agency.objects.get(kind="bkn")
    assert kasn.succeeded_by_id == bkn.pk
    assert (Agency.objects.get(kind="bawaslu").response_days, bkn.response_days) == (3, 7)
    windows = {
        tuple(kinds): window for kinds, window in RoutingRule.objects.values_list("agency_kinds", "bawaslu_window")
    }
    assert windows == {("bawaslu",): "open", ("kasn", "bkn"): "closed", ("bkd",): "any"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
