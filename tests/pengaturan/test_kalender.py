import datetime

from django.urls import reverse

from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten
from workflow.calendar import Calendar
from workflow.models import HariLibur, WorkingCalendar

URL = "pengaturan:kalender"
JAM, LIBUR = "pengaturan:kalender_jam", "pengaturan:kalender_libur"


def jam(**extra):
    data = {}
    for day in range(4):
        data[f"hari_{day}_masuk"], data[f"hari_{day}_pulang"] = "08:00", "16:00"
    data["hari_4_masuk"], data["hari_4_pulang"] = "08:00", "11:00"
    data.update(extra)
    return data


def libur(tanggal="2026-12-24", nama="Cuti bersama Natal"):
    return {"libur-tanggal": tanggal, "libur-nama": nama}


def test_it_requires_login(client, db):
    assert_login_required(client, reverse(URL))
    assert_login_required(client, reverse(LIBUR), "post")


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse(URL))
    assert_role_required(client_for, org, reverse(LIBUR), "post", libur())
    assert not HariLibur.objects.exists()


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    theirs = WorkingCalendar.objects.create(kabupaten=muara.unit.kabupaten)
    day = HariLibur.objects.create(kalender=theirs, tanggal=datetime.date(2026, 6, 1), nama="Hari Jadi Tabalong")
    client = client_for(org.admin)
    assert "Hari Jadi Tabalong" not in client.get(reverse(URL), {"tahun": 2026}).content.decode()
    response = client.post(reverse("pengaturan:kalender_libur_hapus", args=[day.pk]))
    assert response.status_code == 404
    assert HariLibur.objects.filter(pk=day.pk).exists()


def test_reading_the_page_creates_no_calendar(client_for, org):
    html = client_for(org.admin).get(reverse(URL)).content.decode()
    assert "Belum diatur" in html
    assert not WorkingCalendar.objects.exists()


def test_a_holiday_added_is_a_day_off_for_the_mutu_baku(client_for, org):
    assert Calendar.for_kabupaten(org.kabupaten.pk).is_working_day(datetime.date(2026, 12, 24))
    response = client_for(org.admin).post(reverse(LIBUR), libur())
    assert response.status_code == 302
    day = HariLibur.objects.get()
    assert day.kalender.kabupaten == org.kabupaten
    assert day.history.first().history_user == org.admin
    assert not Calendar.for_kabupaten(org.kabupaten.pk).is_working_day(datetime.date(2026, 12, 24))
    html = client_for(org.admin).get(reverse(URL), {"tahun": 2026}).content.decode()
    assert "Cuti bersama Natal" in html
    assert "Hari Raya Natal" in html  # the national holidays, for reference


def test_a_date_already_off_is_refused_naming_the_field(client_for, org):
    client = client_for(org.admin)
    client.post(reverse(LIBUR), libur())
    response = client.post(reverse(LIBUR), libur(nama="Lagi"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tanggal: Tanggal 24-12-2026 sudah tercatat sebagai hari libur." in html
    assert 'value="Lagi"' in html
    assert HariLibur.objects.count() == 1


def test_a_blank_description_is_refused(client_for, org):
    response = client_for(org.admin).post(reverse(LIBUR), libur(nama=""))
    assert "Keterangan:" in response.content.decode()
    assert not HariLibur.objects.exists()


def test_deleting_a_holiday(client_for, org):
    client = client_for(org.admin)
    client.post(reverse(LIBUR), libur())
    day = HariLibur.objects.get()
    assert client.post(reverse("pengaturan:kalender_libur_hapus", args=[day.pk])).status_code == 302
    assert not HariLibur.objects.exists()


def test_office_hours_are_saved_and_used(client_for, org):
    response = client_for(org.admin).post(reverse(JAM), jam())
    assert response.status_code == 302
    calendar = WorkingCalendar.objects.get(kabupaten=org.kabupaten)
    assert calendar.jam_kerja == {
        "0": ["08:00", "16:00"],
        "1": ["08:00", "16:00"],
        "2": ["08:00", "16:00"],
        "3": ["08:00", "16:00"],
        "4": ["08:00", "11:00"],
    }
    hours = Calendar.for_kabupaten(org.kabupaten.pk).office_hours(datetime.date(2026, 2, 9))  # a Monday
    assert hours[0].hour == 8


def test_office_hours_that_end_before_they_start_are_refused(client_for, org):
    response = client_for(org.admin).post(reverse(JAM), jam(hari_2_masuk="16:00", hari_2_pulang="08:00"))
    assert response.status_code == 400
    assert "Rabu: jam pulang harus sesudah jam masuk." in response.content.decode()
    assert not WorkingCalendar.objects.exists()


def test_only_one_of_the_two_times_is_refused(client_for, org):
    response = client_for(org.admin).post(reverse(JAM), jam(hari_5_masuk="08:00"))
    assert "Sabtu: isi jam masuk dan jam pulang" in response.content.decode()
    assert not WorkingCalendar.objects.exists()
