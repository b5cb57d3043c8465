"""A matrix generated from the URL configuration, so a new view is covered automatically:

* every URL is classified (tests/security/url_classes.py), unknown ones fail;
* every non-public URL sends an anonymous visitor to the login page (GET and POST);
* every URL refuses a POST without a CSRF token (403), logged in or not;
* responses carry the Content-Security-Policy without inline scripts.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sakip.roles import Role
from tests.security import url_classes


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            yield from _walk(p.url_patterns, f"{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


def all_urls() -> dict[str, URLPattern]:
    return dict(_walk(get_resolver().url_patterns))


def sample_url(name: str, pattern: URLPattern) -> str:
    """Reverse with placeholder arguments: ints for <int:>, words for <slug:>/<str:>."""
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = 999999 if converter.__class__.__name__ == "IntConverter" else "ajukan"
    # Periods must be plausible for the view to reach its permission check.
    kwargs.update({k: v for k, v in {"tahun": 2025, "triwulan": 2}.items() if k in kwargs})
    return reverse(name, kwargs=kwargs)


URLS = all_urls()
CLASSIFIED = url_classes.PUBLIC | url_classes.LOGIN | url_classes.TENANT | url_classes.TOKEN


def test_every_url_is_classified():
    unknown = sorted(set(URLS) - CLASSIFIED)
    assert not unknown, f"Classify these new URLs in tests/security/url_classes.py (and test their access): {unknown}"
    stale = sorted(CLASSIFIED - set(URLS))
    assert not stale, f"Remove URLs that no longer exist from url_classes.py: {stale}"


@pytest.mark.parametrize("name", sorted(set(URLS) - url_classes.PUBLIC))
def test_anonymous_visitors_are_sent_to_login(client, db, name):
    url = sample_url(name, URLS[name])
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if name in url_classes.TOKEN:  # the API: a token, not a session (401); no POST at all (405)
            assert response.status_code == (401 if method == "get" else 405), (name, method, response.status_code)
            continue
        if method == "get" and name in url_classes.POST_ONLY:
            assert response.status_code in (302, 405), (name, method)
            continue
        if name == "logout":
            continue  # logging out an anonymous visitor is harmless
        assert response.status_code == 302, (name, method, response.status_code)
        assert response["Location"].startswith(reverse("login")), (name, method)


@pytest.mark.parametrize("name", sorted(URLS))
def test_post_without_csrf_token_is_refused(org, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.person("awayan", Role.CAMAT))
    response = client.post(sample_url(name, URLS[name]), {})
    # The token API takes no POST at all (405), so there is no form to forge.
    assert response.status_code == (405 if name in url_classes.TOKEN else 403), (name, response.status_code)


@pytest.mark.parametrize("name", sorted(url_classes.PUBLIC))
def test_public_pages_answer_without_login(client, db, name):
    if name in ("laporan:verifikasi", "layanan:survei", "loket:status") or name.startswith("publikasi:"):
        assert client.get(sample_url(name, URLS[name])).status_code == 404  # unknown code: nothing to show
    else:
        assert client.get(sample_url(name, URLS[name])).status_code in (200, 302)


def test_content_security_policy_forbids_inline_scripts(client_for, org):
    response = client_for(org.person("awayan", Role.CAMAT)).get(reverse("beranda"))
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_scripts_or_styles():
    from pathlib import Path

    offenders = []
    for path in Path("templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or (
            ' style="' in text and "_pdf" not in path.name and "pdf" not in path.parts
        ):
            offenders.append(str(path))
    assert not offenders, offenders
