"""A real OpenID Connect provider for the SSO tests: django-oauth-toolkit in a Django project of its own.

Started by tests/sakip/test_sso.py as a separate server process on loopback (`python -m django runserver`
with this settings module), as a kabupaten's Keycloak or SSO ASN would be: our client talks to it over HTTP,
nothing of ours is mocked. Its users carry the NIP in a claim (`nip`, validator.py); its key is made at start.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "oidc-provider-for-tests-only"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_PROVIDER_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/accounts/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": Path(os.environ["OIDC_PROVIDER_KEY"]).read_text(),
    "OIDC_ISS_ENDPOINT": os.environ["OIDC_PROVIDER_ISSUER"],
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "profile": "Profil"},
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.validator.NipValidator",
    # RP-initiated logout (end_session_endpoint in the discovery document): with a valid id_token_hint of the
    # signed-in person the session ends without a confirmation page, as a kabupaten's Keycloak does.
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
}
# Our application runs on the same 127.0.0.1 during the tests: cookies ignore ports, so the provider's own
# names keep its session apart from the application's.
SESSION_COOKIE_NAME = "penyedia_sessionid"
CSRF_COOKIE_NAME = "penyedia_csrftoken"
