"""API tokens that expire (TOKEN_TTL_HOURS): a lost or stolen token stops working by itself."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def expires_at(token) -> datetime.datetime:
    return token.created + datetime.timedelta(hours=settings.TOKEN_TTL_HOURS)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if expires_at(token) <= timezone.now():
            token.delete()
            raise exceptions.AuthenticationFailed(_("Token sudah kedaluwarsa. Minta token baru."))
        return user, token
