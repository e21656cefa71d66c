"""Encrypted model fields for reporter identity, keyed by FIELD_ENCRYPTION_KEY.

django-fernet-encrypted-fields derives its key from SECRET_KEY, which would make every stored
identity unreadable the day SECRET_KEY is rotated after a leak. These fields keep the library's
encryption and take their Fernet keys from FIELD_ENCRYPTION_KEY instead: the first key
encrypts, every key decrypts, so a new key is put first and the old one kept until
`manage.py rotate_identity_key` has re-encrypted the rows (docs/deploy.md).
"""

from cryptography.fernet import Fernet, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import cached_property
from encrypted_fields.fields import EncryptedCharField, EncryptedEmailField, EncryptedFieldMixin


def identity_cipher() -> MultiFernet:
    """Return the cipher for reporter secrets: identity fields and the receipt's access code."""
    return MultiFernet([Fernet(key.encode()) for key in settings.FIELD_ENCRYPTION_KEY])


class IdentityKeyMixin(EncryptedFieldMixin):
    @cached_property
    def keys(self) -> list[bytes]:
        return [key.encode() for key in settings.FIELD_ENCRYPTION_KEY]


class IdentityCharField(IdentityKeyMixin, EncryptedCharField):
    pass


class IdentityEmailField(IdentityKeyMixin, EncryptedEmailField):
    pass


@receiver(setting_changed)
def _forget_keys(*, setting, **kwargs):
    """Let a changed FIELD_ENCRYPTION_KEY take effect (the fields cache their ciphers)."""
    if setting != "FIELD_ENCRYPTION_KEY":
        return
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, IdentityKeyMixin):
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)
