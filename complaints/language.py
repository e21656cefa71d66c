"""The portal's language: Indonesian unless the visitor chose English."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    """Speak Indonesian unless the visitor chose English with the language switch.

    A browser's Accept-Language reflects the phone's settings, and many phones in Indonesia
    are set to English; the portal's pages follow only the visitor's choice (the language
    cookie). API clients, which set the header on purpose, still get Accept-Language.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
