"""A refusal reaches a form shown again the same way in every app (sakip/errors.py `ke_formulir`): each field's
message(s) under the field, the message on the form when no field is named or the field is not on the form."""

from django import forms

from sakip.errors import Penolakan, ke_formulir


class Pemohon(forms.Form):
    nama = forms.CharField()
    nik = forms.CharField(required=False)


def test_field_messages_one_or_many_go_under_their_fields():
    form = Pemohon({"nama": "Siti", "nik": "123"})
    form.is_valid()
    ke_formulir(form, Penolakan("Ditolak.", {"nama": "Nama terlalu pendek.", "nik": ["NIK harus 16 angka.", "Cek."]}))
    assert form.errors["nama"] == ["Nama terlalu pendek."]
    assert form.errors["nik"] == ["NIK harus 16 angka.", "Cek."]
    assert "Ditolak." not in form.non_field_errors()


def test_a_refusal_without_fields_or_of_another_forms_field_is_the_forms_own():
    form = Pemohon({"nama": "Siti"})
    form.is_valid()
    ke_formulir(form, Penolakan("Layanan tidak aktif."))
    ke_formulir(form, Penolakan("x", {"layanan": "Pilih layanan."}))
    assert form.non_field_errors() == ["Layanan tidak aktif.", "Pilih layanan."]
