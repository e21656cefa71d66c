"""Pages as the national koordinator opens them, for the in-process scenarios: a run that asks
for a page and expects it answered, and a prepare that logs in and warms it (its counts'
snapshot made for the data as it stands). A path may be a function, read at each run."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.test import Client

Path = str | Callable[[], str]


class Pages:
    def __init__(self):
        self.client = Client()

    @staticmethod
    def admin():
        return get_user_model().objects.get(username="admin")  # national, and allowed everything

    def log_in(self) -> None:
        self.client.force_login(self.admin())

    def get(self, path: Path, *, containing: Callable[[bytes], bool] | None = None) -> Callable[[], None]:
        """A run: ask for the page, expect 200 (and, if given, content for which `containing` holds)."""

        def run():
            response = self.client.get(path() if callable(path) else path)
            assert response.status_code == 200, (path, response.status_code)
            assert containing is None or containing(response.content), path

        return run

    def warm(self, path: Path) -> Callable[[], None]:
        """A prepare: log in and ask for the page once, untimed."""

        def prepare():
            self.log_in()
            self.get(path)()

        return prepare
