"""The private evidence storage, resolved lazily from STORAGES["evidence"].

A FileField evaluates its storage once, when models load; a lazy object lets the same field
follow a changed STORAGES setting (tests point it at a temporary folder, production at S3), and
keeps S3's client library (boto3, some 26 MB) out of a web process until it reads or writes a file.
"""

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class EvidenceStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["evidence"]

    @property
    def __class__(self):
        # FileField asks `isinstance(storage, Storage)` as models load; LazyObject would resolve
        # the storage to answer. It is a Storage, whichever one it turns out to be.
        return Storage if self._wrapped is empty else self._wrapped.__class__


evidence_storage = EvidenceStorage()


def get_evidence_storage():
    """Return the evidence storage (a callable, so migrations do not freeze its options)."""
    return evidence_storage


@receiver(setting_changed)
def _reset_evidence_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        evidence_storage._wrapped = empty
