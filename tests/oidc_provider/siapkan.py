"""Prepare the test provider's database: its tables, its users (username:password:nip, comma-separated in
OIDC_PROVIDER_USERS) and our application as a confidential client with PKCE and RS256 ID tokens, whose login page
is its registered post-logout redirect URI (RP-initiated logout).

Run as `python -m tests.oidc_provider.siapkan` with DJANGO_SETTINGS_MODULE=tests.oidc_provider.settings.
"""

import os

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import get_application_model  # noqa: E402

call_command("migrate", verbosity=0)
for entry in os.environ["OIDC_PROVIDER_USERS"].split(","):
    username, password, nip = entry.split(":")
    User.objects.create_user(username, password=password, first_name=username, last_name=nip)
Application = get_application_model()
Application.objects.create(
    name="SAKIP Kecamatan",
    client_id=os.environ["OIDC_PROVIDER_CLIENT_ID"],
    client_secret=os.environ["OIDC_PROVIDER_CLIENT_SECRET"],
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=os.environ["OIDC_PROVIDER_REDIRECT_URI"],
    post_logout_redirect_uris=os.environ["OIDC_PROVIDER_POST_LOGOUT_URI"],
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
