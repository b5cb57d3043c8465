from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.roles import Role


def test_healthz_reports_the_database_up(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "up"


def test_healthz_needs_no_login_and_is_not_cached(client, db):
    response = client.get(reverse("healthz"))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_a_signed_in_person_with_a_pending_step_without_reading_the_session(client, org):
    # The load balancer's probe may carry anyone's cookie: it is never sent to the password change, and it
    # costs no session or user query (the account gate lets it through before asking who is signed in).
    person = org.person("awayan", Role.PELAKSANA)
    person.harus_ganti_password = True
    person.save(update_fields=["harus_ganti_password"])
    client.force_login(person)
    assert client.get(reverse("beranda"))["Location"].startswith(reverse("password_change"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json()["database"] == "up"
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]
