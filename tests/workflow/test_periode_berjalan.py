"""Forms propose the period at hand: the quarter just ended while its entry window is open, else the current
one; "Jalankan SOP ini" opens the start form with that SOP chosen."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow.calendar import periode_berjalan


@pytest.mark.parametrize(
    "today,expected",
    [
        (datetime.date(2026, 10, 5), (2026, 3)),  # TW III's entry window is open
        (datetime.date(2026, 10, 11), (2026, 4)),
        (datetime.date(2026, 11, 29), (2026, 4)),
        (datetime.date(2027, 1, 5), (2026, 4)),  # last year's TW IV
        (datetime.date(2027, 1, 11), (2027, 1)),
        (datetime.date(2026, 2, 15), (2026, 1)),
    ],
)
def test_the_period_at_hand(today, expected):
    assert periode_berjalan(today) == expected


@pytest.mark.django_db
def test_the_start_form_proposes_the_period_and_the_sop_named_in_the_link(org, client_for):
    revision = make_sop(org.awayan.unit)
    client = client_for(org.person("awayan", Role.CAMAT))
    wita = datetime.timezone(datetime.timedelta(hours=8))
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=wita), tick=False):
        html = client.get(reverse("workflow:runs") + f"?revision={revision.pk}").content.decode()
    assert 'name="tahun" value="2026"' in html
    assert '<option value="3" selected>Triwulan III</option>' in html
    assert f'<option value="{revision.pk}" selected>' in html
    # Another kecamatan's SOP named in the link is not chosen.
    other = make_sop(org.tebing.unit)
    html = client.get(reverse("workflow:runs") + f"?revision={other.pk}").content.decode()
    assert f'<option value="{other.pk}" selected>' not in html


@pytest.mark.django_db
def test_an_effective_sop_offers_jalankan_to_those_who_start_runs(org, client_for):
    revision = make_sop(org.awayan.unit)
    link = reverse("workflow:runs") + f"?revision={revision.pk}"
    page = client_for(org.person("awayan", Role.CAMAT)).get(reverse("sop:detail", args=[revision.pk]))
    assert link in page.content.decode() and "Jalankan SOP ini" in page.content.decode()
    for person in (org.person("awayan", Role.PELAKSANA), org.person("tebing", Role.CAMAT)):
        html = client_for(person).get(reverse("sop:detail", args=[revision.pk])).content.decode()
        assert "Jalankan SOP ini" not in html
