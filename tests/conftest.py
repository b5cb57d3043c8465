import os

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
