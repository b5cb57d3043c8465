"""Forms of the year's setup (PK, indicators, budget). Numbers: sakip.forms.AngkaField (the one parser, sakip.angka)."""

from django import forms

from kinerja.models import ImporSipd, Indikator, Kegiatan, Program, Skala, SkalaLevel, SubKegiatan
from kinerja.services.perencanaan import INDIKATOR_FIELDS
from renstra.models import IndikatorRenstra, Renstra
from sakip import forms as sakip_forms
from sakip.forms import AngkaField
from sakip.models import Position


class PkIdentitasForm(sakip_forms.Form):
    pihak_kedua_nama = forms.CharField(label="Nama pihak kedua", max_length=200, required=False)
    pihak_kedua_jabatan = forms.CharField(label="Jabatan pihak kedua", max_length=200, required=False)
    tanggal = forms.DateField(
        label="Tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class TetapkanPkForm(sakip_forms.Form):
    """Establishing a PK is a signature: the Camat types the password again, exactly as typed."""

    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,  # a password may begin or end with spaces; compared exactly as typed
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Masukkan kembali kata sandi untuk menetapkan Perjanjian Kinerja.",
        error_messages={"required": "Masukkan kata sandi Anda untuk menetapkan Perjanjian Kinerja."},
    )


class SasaranForm(sakip_forms.Form):
    uraian = forms.CharField(label="Sasaran strategis", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class IndikatorForm(sakip_forms.ModelForm):
    target_tahunan = AngkaField(label="Target tahunan (angka)")
    target_renstra = AngkaField(label="Target akhir Renstra (angka)", required=False)
    standar_nasional = AngkaField(label="Standar nasional/provinsi (angka)", required=False)

    class Meta:
        model = Indikator
        fields = list(INDIKATOR_FIELDS)  # exactly what the service applies
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "definisi_operasional": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "skala": "Isi hanya untuk indikator kualitatif (misalnya opini BPK); target dipilih dari level skala.",
            "rumus_negatif": "Berlaku untuk indikator berpolaritas negatif.",
        }

    def __init__(self, *args, kecamatan, tahun: int | None = None, berjenjang: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uraian"].max_length = 4000
        if berjenjang:
            # A cascading PK's indicator (kinerja.berjenjang): it supports an indicator of the Camat's current PK
            # of the year; the Renstra link and the IKU belong to the Camat's PK.
            for name in ("indikator_renstra", "alasan_beda_renstra", "target_renstra", "iku"):
                del self.fields[name]
            self.fields["mendukung"].queryset = (
                Indikator.objects.milik_camat()
                .filter(kecamatan=kecamatan, tahun=tahun or 0)
                .exclude(sasaran__perjanjian__status="digantikan")
                .select_related("sasaran")
                .order_by("sasaran__urutan", "urutan")
            )
            self.fields["mendukung"].label_from_instance = lambda ind: (
                f"{ind.sasaran.urutan}.{ind.urutan} {ind.uraian}"
                + (
                    f" (dihitung: {ind.get_hitung_dari_pendukung_display().lower()})"
                    if ind.hitung_dari_pendukung
                    else ""
                )
            )
            self.fields["mendukung"].help_text = "Indikator Perjanjian Kinerja Camat yang didukung indikator ini."
        else:
            del self.fields["mendukung"]
        if "indikator_renstra" not in self.fields:
            self.fields["penanggung_jawab"].queryset = Position.objects.filter(kecamatan=kecamatan).order_by("nama")
            self.fields["skala"].queryset = Skala.objects.filter(kabupaten_id=kecamatan.kabupaten_id)
            self.fields["target_level"].queryset = SkalaLevel.objects.filter(
                skala__kabupaten_id=kecamatan.kabupaten_id
            ).select_related("skala")
            self.fields["target_level"].label_from_instance = lambda level: f"{level.skala}: {level.label}"
            return
        # Only indicators of an established Renstra covering the year (or the one already linked).
        linked = IndikatorRenstra.objects.filter(
            kecamatan=kecamatan,
            renstra__status=Renstra.Status.DITETAPKAN,
            renstra__tahun_awal__lte=tahun or 0,
            renstra__tahun_akhir__gte=tahun or 0,
        )
        if self.instance.indikator_renstra_id:
            linked = linked | IndikatorRenstra.objects.filter(pk=self.instance.indikator_renstra_id)
        self.fields["indikator_renstra"].queryset = linked.select_related("sasaran").order_by(
            "sasaran__urutan", "urutan"
        )
        self.fields["indikator_renstra"].label_from_instance = lambda ind: (
            f"{ind.sasaran.urutan}.{ind.urutan} {ind.uraian}"
        )
        self.fields[
            "indikator_renstra"
        ].help_text = "Indikator Renstra yang dilaksanakan; target akhir Renstra lalu diambil darinya."
        self.fields["alasan_beda_renstra"].widget = forms.Textarea(attrs={"rows": 2})
        self.fields[
            "alasan_beda_renstra"
        ].help_text = "Wajib bila target tahunan berbeda dari target Renstra tahun ini; dicetak pada dokumen PK."
        self.fields["penanggung_jawab"].queryset = Position.objects.filter(kecamatan=kecamatan).order_by("nama")
        self.fields["skala"].queryset = Skala.objects.filter(kabupaten_id=kecamatan.kabupaten_id)
        self.fields["target_level"].queryset = SkalaLevel.objects.filter(
            skala__kabupaten_id=kecamatan.kabupaten_id
        ).select_related("skala")
        self.fields["target_level"].label_from_instance = lambda level: f"{level.skala}: {level.label}"

    def clean(self):
        data = super().clean()
        skala, level, target = data.get("skala"), data.get("target_level"), data.get("target_tahunan")
        if skala is not None:
            if level is None:
                self.add_error("target_level", "Pilih target (level skala) untuk indikator kualitatif.")
            elif level.skala_id != skala.pk:
                self.add_error("target_level", "Level yang dipilih bukan bagian dari skala indikator.")
            data["target_tahunan"] = None
        else:
            if level is not None:
                self.add_error("target_level", "Level hanya untuk indikator kualitatif: pilih skala atau kosongkan.")
            if target is None:
                self.add_error("target_tahunan", "Target tahunan wajib diisi.")
            elif target == 0 and data.get("polaritas") == Indikator.Polaritas.NEGATIF:
                # (2T - R)/T and T/R both need a non-zero target.
                self.add_error(
                    "target_tahunan", "Target indikator negatif tidak boleh 0: capaian tidak dapat dihitung."
                )
        return data


class ProgramForm(sakip_forms.ModelForm):
    class Meta:
        model = Program
        fields = ["kode", "nama"]


class KegiatanForm(sakip_forms.ModelForm):
    class Meta:
        model = Kegiatan
        fields = ["kode", "nama"]


class SubKegiatanForm(sakip_forms.ModelForm):
    pagu = AngkaField(label="Pagu (Rp)", required=True, places=2)
    rencana_1 = AngkaField(label="Rencana TW I (Rp)", places=2)
    rencana_2 = AngkaField(label="Rencana TW II (Rp)", places=2)
    rencana_3 = AngkaField(label="Rencana TW III (Rp)", places=2)
    rencana_4 = AngkaField(label="Rencana TW IV (Rp)", places=2)

    class Meta:
        model = SubKegiatan
        fields = ["kode", "nama", "pagu", "indikator"]
        widgets = {"indikator": forms.CheckboxSelectMultiple}

    def __init__(self, *args, indikator_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_queryset
        self.fields["indikator"].required = False
        if self.instance.pk:
            for row in self.instance.anggaran.all():
                self.fields[f"rencana_{row.triwulan}"].initial = row.rencana
        # The plan ≤ pagu rule is kinerja.services.anggaran's (the view shows its message on rencana_4).


class SumberHitungForm(sakip_forms.Form):
    """How the app computes an indicator's realisation (kinerja.sumber_data); choices from the kecamatan."""

    jenis = forms.ChoiceField(label="Sumber perhitungan", required=False)
    sop = forms.TypedMultipleChoiceField(
        label="SOP yang pelaksanaannya dihitung",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untuk persentase tepat waktu dan jumlah pelaksanaan selesai.",
    )
    layanan = forms.TypedMultipleChoiceField(
        label="Layanan yang disurvei (SKM)",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untuk Indeks Kepuasan Masyarakat.",
    )
    # PK berjenjang (kinerja.berjenjang): the realisation computed from the supporting indicators instead.
    hitung_dari_pendukung = forms.ChoiceField(
        label="Realisasi dari indikator pendukung (PK berjenjang)",
        required=False,
        choices=Indikator.HitungPendukung.choices,
        help_text="Realisasi tiap triwulan dihitung dari indikator PK berjenjang yang mendukungnya; tidak diisi sendiri.",
    )

    def __init__(self, *args, sop_choices=(), layanan_choices=(), **kwargs):
        from kinerja.models import SumberHitung

        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", "Diisi manual oleh penanggung jawab"), *SumberHitung.Jenis.choices]
        self.fields["sop"].choices = list(sop_choices)
        self.fields["layanan"].choices = list(layanan_choices)

    def clean(self):
        data = super().clean()
        if data.get("jenis") and data.get("hitung_dari_pendukung"):
            self.add_error(
                "hitung_dari_pendukung",
                "Pilih salah satu: dihitung aplikasi dari data yang tercatat, atau dari indikator pendukung.",
            )
        return data


class ImporSipdForm(sakip_forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis berkas",
        choices=ImporSipd.Jenis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih jenis berkas SIPD."},
    )
    berkas = forms.FileField(
        label="Berkas ekspor SIPD-RI (.xlsx atau .csv)",
        error_messages={"required": "Pilih berkas ekspor SIPD-RI."},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
