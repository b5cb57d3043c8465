"""Signing in through the kabupaten's single sign-on (OpenID Connect, code flow with PKCE), in one place.

The client is mozilla-django-oidc; this module holds our rules around it:

* **Configured per deployment**, from the environment (sakip/settings.py reads `SSO_OIDC_*`; README "Masuk
  dengan SSO kabupaten"): the issuer, the client, the provider's endpoints and the claim carrying the NIP. When
  no issuer is set, SSO is off: the login page shows no SSO button and its two addresses lead back to it.
* **A person is the staff record with the NIP of the token's claim**: the claim is read as printed or as 18
  digits (sakip/nip.py), matched to an active `Pegawai`; an unknown NIP, a NIP held by nobody active or a token
  without the claim is refused with the reason shown on the login page, and **no account is ever created**
  (`OIDC_CREATE_USER` is off; positions stay the kabupaten administrator's to give).
* **The token is checked beyond the library**: its signature (RS256 through the provider's JWKS), then here
  its issuer (`iss`) and audience (`aud` holds our client id), which the library leaves unchecked.
* **Two-step sign-in still applies** where the kabupaten requires it (sakip/dua_langkah.py): after the
  provider, a Camat, administrator or evaluator of such a kabupaten types the TOTP code of this application,
  as after a password (`sakip.account.AccountGateMiddleware` does not ask how the person signed in). We do not
  take the provider's `amr`/`acr` claims as proof of a second factor: SSO ASN and Keycloak realms fill them
  differently and nothing here could audit them.
* **Local passwords stay possible where the kabupaten allows it** (`Unit.masuk_kata_sandi`, Pengaturan
  Kabupaten → Keamanan masuk): when SSO is on and a kabupaten turns it off, its people are refused at the
  password form and sent to the SSO button (operators always keep the form). The password stays the person's
  signing secret (sakip/tanda_tangan.py), and a BSrE signer types the passphrase of the certificate: signing
  never trusts the SSO session alone.
* **Logging out ends the provider's session too** (OpenID Connect RP-initiated logout) when the deployment names
  the provider's end-session endpoint (`SSO_OIDC_END_SESSION_ENDPOINT`): `keluar` ends ours and sends the
  browser to that endpoint with the ID token kept at sign-in as `id_token_hint`, our client id and the login
  page as `post_logout_redirect_uri` (`url_keluar`, mozilla-django-oidc's `OIDC_OP_LOGOUT_URL_METHOD`). A person
  who signed in with a password, or a deployment without the endpoint, just returns to the login page.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.shortcuts import redirect, resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView, OIDCLogoutView

from sakip import nip as nip_rules

logger = logging.getLogger("sakip.sso")

SESSION_ALASAN = "sso_ditolak"  # why the provider's person was not let in, shown once on the login page
BACKEND = "sakip.sso.NipBackend"


def aktif() -> bool:
    """Is single sign-on configured for this deployment?"""
    return bool(getattr(settings, "SSO_OIDC_ISSUER", ""))


def nama_penyedia() -> str:
    return getattr(settings, "SSO_NAMA", "") or "SSO Kabupaten"


def masuk_kata_sandi_diizinkan(user) -> bool:
    """May this person sign in with the local password form? (always, unless SSO is on and their kabupaten
    turned local passwords off; operators always)"""
    if not aktif() or user.is_superuser or user.jabatan_id is None:
        return True
    unit = user.jabatan.unit
    kabupaten = unit if unit.jenis == unit.Kind.KABUPATEN else unit.kabupaten
    return kabupaten is None or kabupaten.masuk_kata_sandi


class NipBackend(OIDCAuthenticationBackend):
    """The provider's person, by the NIP claim, to an existing active staff record; never a new account."""

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as error:
            # A token that fails a check, or a provider that does not answer: refused, never a 400/500 page.
            logger.warning("SSO sign-in refused: %s", error)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != settings.SSO_OIDC_ISSUER:
            raise SuspiciousOperation("ID token issuer does not match SSO_OIDC_ISSUER.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience does not name this client.")
        self._klaim_token = payload
        return payload

    def _nip(self, claims) -> str | None:
        klaim = settings.SSO_KLAIM_NIP
        value = claims.get(klaim) or getattr(self, "_klaim_token", {}).get(klaim)
        if not value:
            self._tolak(f'Token SSO tidak memuat NIP (klaim "{klaim}"). Hubungi pengelola SSO kabupaten.')
            return None
        try:
            return nip_rules.validate(str(value))
        except ValidationError:
            self._tolak(f"NIP dari SSO ({value}) tidak sah. Hubungi pengelola SSO kabupaten.")
            return None

    def verify_claims(self, claims):
        return self._nip(claims) is not None

    def filter_users_by_claims(self, claims):
        nip = self._nip(claims)
        users = self.UserModel.objects.filter(nip=nip, is_active=True) if nip else self.UserModel.objects.none()
        if nip and not users.exists():
            logger.warning("SSO sign-in refused: no active staff record for NIP %s", nip)
            self._tolak(
                f"NIP {nip_rules.format_nip(nip)} belum terdaftar sebagai pegawai aktif di aplikasi ini. "
                "Hubungi administrator kabupaten."
            )
        return users

    def create_user(self, claims):
        # Settings keep OIDC_CREATE_USER off; this is the second lock: accounts come from the administrator.
        return None

    def _tolak(self, alasan: str) -> None:
        if getattr(self, "request", None) is not None:
            self.request.session[SESSION_ALASAN] = alasan


def _belum_dikonfigurasi(request):
    messages.info(request, "Masuk dengan SSO belum diaktifkan pada aplikasi ini. Masuklah dengan kata sandi.")
    return redirect("login")


@never_cache
def masuk(request):
    """Start the code flow (state, nonce and the PKCE verifier kept in the session) at the provider."""
    if not aktif():
        return _belum_dikonfigurasi(request)
    return OIDCAuthenticationRequestView.as_view()(request)


@never_cache
def kembali(request):
    """The provider's answer: the person signed in, or the login page with the reason."""
    if not aktif():
        return _belum_dikonfigurasi(request)
    response = OIDCAuthenticationCallbackView.as_view()(request)
    alasan = request.session.pop(SESSION_ALASAN, None)
    if not request.user.is_authenticated:
        messages.error(request, alasan or "Masuk melalui SSO gagal atau dibatalkan. Silakan coba lagi.")
        return redirect("login")
    return response


def url_keluar(request) -> str:
    """Where logging out leads, asked before our session ends (`OIDC_OP_LOGOUT_URL_METHOD`): for a person who
    signed in through the provider, its end-session endpoint with the ID token of that sign-in (`id_token_hint`),
    our client id and the login page as `post_logout_redirect_uri` (registered at the provider); otherwise the
    login page."""
    ke_login = resolve_url(settings.LOGOUT_REDIRECT_URL)
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    id_token = request.session.get("oidc_id_token")
    if not (aktif() and endpoint and id_token):
        return ke_login
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(ke_login),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


@never_cache
@require_POST
def keluar(request):
    """Log out (POST only, CSRF-checked): our session ends, then the provider's where `url_keluar` leads there."""
    return OIDCLogoutView.as_view()(request)
