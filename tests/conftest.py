import os
from contextlib import contextmanager

import pytest
from hypothesis import settings as hypothesis_settings

from tests.factories import build_org

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told it is safe (the live server is a real thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

# Property tests: the same examples on every run by default, so CI is reproducible; set
# HYPOTHESIS_PROFILE=explore to search new random examples (and more of them) when hunting bugs.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=300, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def org(db):
    """Kabupaten Balangan with Awayan and Tebing Tinggi, one person per role, plus ADMIN and EVALUATOR."""
    return build_org()


@pytest.fixture
def client_for(client):
    """Log a test client in as the given person (force_login: django-axes needs no request)."""

    def login(person):
        client.force_login(person)
        return client

    return login


@contextmanager
def held_for_the_module(django_db_blocker, load):
    """Data loaded once for a test module, inside a transaction held open for the module and rolled back
    after it; each test's own changes are rolled back at its end as usual (its transaction nests as a
    savepoint). Only for modules whose tests all stand on that data (a test building its own organisation
    would clash with the demo's Balangan) and need no committed data (no live server)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        load()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo (eight kecamatan, the seed SOPs, two years of data) loaded once for a test module."""
    from django.core.management import call_command

    with held_for_the_module(django_db_blocker, lambda: call_command("load_demo", verbosity=0)):
        yield


@pytest.fixture(scope="module")
def seeds_data(django_db_setup, django_db_blocker):
    """The demo's organisation and the eight seed SOPs as production loads them (drafts whose lanes await
    the review), once for a test module."""

    def load():
        from sakip.demo import load_organisation
        from sop import seeds

        load_organisation()
        seeds.load_seeds()

    with held_for_the_module(django_db_blocker, load):
        yield


@pytest.fixture
def signing_cert(tmp_path, monkeypatch):
    """A throwaway deployment certificate made by the real command's code path (laporan.signing)."""
    from laporan import signing

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(
        common_name="Kecamatan Awayan", organization="Pemkab Balangan", key_file=key, cert_file=cert
    )
    return cert
