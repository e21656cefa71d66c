"""The kept public status on PostgreSQL: its triggers mark it stale at every change the page shows
(one look-up query for both databases finds only what is current, as on SQLite), and a change and
a build of the same case wait for each other, so that neither slips in between."""

import pytest

from tests.intake.test_kept_status import (  # noqa: F401 (collected here, run on the real stack)
    test_a_duplicate_follows_its_primarys_change,
    test_a_forwarding_sent_and_answered_shows_without_a_status_change,
    test_a_status_change_shows_at_the_next_look_up,
    test_an_event_shows_at_the_next_look_up_however_it_was_written,
    test_each_language_is_kept_apart,
    test_every_change_the_status_shows_marks_what_is_kept_stale,
    test_the_database_keeps_the_triggers_that_mark_stale,
    test_the_page_is_filled_into_a_frame_rendered_once_per_language,
)

pytestmark = pytest.mark.django_db(transaction=True)


def on_another_connection(work):
    """Run `work` on another connection, as another request would; return what it returns."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def run():
        try:
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def elsewhere(work):
    """Run `work` on another connection, giving up on a lock after a tenth of a second; return
    the error it met, or None."""
    from django.db import OperationalError, connection, transaction

    def run():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '100ms'")
                work()
        except OperationalError as error:
            return error
        return None

    return on_another_connection(run)


def test_a_change_waits_for_a_build_in_progress_then_marks_it_stale(client, ref, monkeypatch):
    """Otherwise a change committed while a status is built (read before, kept after) would
    leave what it changed unshown, kept as current."""
    from complaints.intake import status_pages
    from complaints.models import Forwarding
    from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory
    from tests.intake.test_kept_status import page

    case, agency = CaseFactory(), AgencyFactory(name="BKD Kota Serang")
    render, met = status_pages.render_to_string, []

    def render_while_forwarding(*args, **kwargs):
        met.append(elsewhere(lambda: ForwardingFactory(case=case, agency=agency)))  # while the build holds the case
        return render(*args, **kwargs)

    monkeypatch.setattr(status_pages, "render_to_string", render_while_forwarding)
    status_pages.build(ticket=case.ticket, language="id")
    monkeypatch.undo()
    assert "lock timeout" in str(met[0]) and not Forwarding.objects.exists()
    ForwardingFactory(case=case, agency=agency)  # the change, once the build is kept
    assert "BKD Kota Serang" in page(client, case.ticket)


def test_a_look_up_waits_for_a_change_in_progress_then_shows_the_status_unkept(client, ref, monkeypatch):
    """A build waits for a change of its case to be committed (else it could keep what the change
    is about to make stale); a citizen's look-up waits a little, then is shown the status as it is."""
    from django.db import transaction

    from complaints.intake import status_pages
    from complaints.models import KeptStatus
    from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory
    from tests.intake.test_kept_status import page

    monkeypatch.setattr(status_pages, "LOCK_WAIT_MS", 100)
    case = CaseFactory()  # nothing kept yet: no kept row for the change to lock
    with transaction.atomic():
        ForwardingFactory(case=case, agency=AgencyFactory(name="BKD Kota Serang"))  # not committed yet
        met = elsewhere(lambda: status_pages.build(ticket=case.ticket, language="id"))
        shown = on_another_connection(lambda: status_pages.kept(ticket=case.ticket, kind="page"))
    assert "lock timeout" in str(met)
    assert 'data-status="received"' in shown and "BKD Kota Serang" not in shown
    assert not KeptStatus.objects.exists()
    assert "BKD Kota Serang" in page(client, case.ticket)


def test_a_build_locks_the_primary_the_case_follows_once_locked(ref, monkeypatch):
    """The primary is read before the case is locked; if it changed in between, the one locked is
    the new one, so a change to it waits for the build too."""
    import contextlib

    from django.db import transaction

    from complaints.intake import status_pages
    from complaints.models import Case, KeptStatus
    from tests.factories import CaseFactory, ForwardingFactory

    case, primary = CaseFactory(status="rejected"), CaseFactory()
    atomic, built, met, changed = transaction.atomic, status_pages._built, [], []

    @contextlib.contextmanager
    def atomic_after_the_primary_changed(*args, **kwargs):
        if not changed:  # the build's own transaction only, once
            changed.append(Case.objects.filter(pk=case.pk).update(duplicate_of=primary, rejection_reason="duplicate"))
        with atomic(*args, **kwargs):
            yield

    def built_while_the_primary_is_forwarded(**kwargs):
        met.append(elsewhere(lambda: ForwardingFactory(case=primary)))
        return built(**kwargs)

    monkeypatch.setattr(status_pages.transaction, "atomic", atomic_after_the_primary_changed)
    monkeypatch.setattr(status_pages, "_built", built_while_the_primary_is_forwarded)
    status_pages.build(ticket=case.ticket, language="id")
    monkeypatch.undo()
    assert "lock timeout" in str(met[0])
    assert KeptStatus.objects.get(case=case).followed_id == primary.pk
