"""Forms of the RPJMD and Renstra pages. Numbers go through the one parser (sakip.angka)."""

from django import forms

from renstra import naskah
from renstra import skala as skala_kabupaten
from renstra.models import IndikatorRenstra, SasaranRenstra, SasaranRpjmd, TujuanRenstra
from renstra.services import INDIKATOR_FIELDS, NASKAH_LIMIT
from sakip import forms as sakip_forms
from sakip.forms import AngkaField
from sakip.models import Position


class RpjmdForm(sakip_forms.Form):
    tahun_awal = forms.IntegerField(label="Tahun awal periode", min_value=2000, max_value=2100)
    visi = forms.CharField(label="Visi", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000)


class UraianForm(sakip_forms.Form):
    uraian = forms.CharField(label="Uraian", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, label="Uraian", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uraian"].label = label


class SasaranForm(sakip_forms.Form):
    tujuan = forms.ModelChoiceField(label="Tujuan", queryset=TujuanRenstra.objects.none())
    sasaran_rpjmd = forms.ModelChoiceField(label="Sasaran RPJMD yang didukung", queryset=SasaranRpjmd.objects.none())
    uraian = forms.CharField(label="Sasaran strategis", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = TujuanRenstra.objects.filter(renstra=renstra)
        self.fields["tujuan"].label_from_instance = lambda t: f"{t.urutan}. {t.uraian}"
        self.fields["sasaran_rpjmd"].queryset = SasaranRpjmd.objects.filter(rpjmd_id=renstra.rpjmd_id)
        self.fields["sasaran_rpjmd"].label_from_instance = lambda s: f"{s.urutan}. {s.uraian}"


class IndikatorForm(sakip_forms.ModelForm):
    kondisi_awal = AngkaField(label="Kondisi awal (baseline)")
    target_akhir = AngkaField(label="Target akhir periode")

    class Meta:
        model = IndikatorRenstra
        fields = list(INDIKATOR_FIELDS)
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "definisi": forms.Textarea(attrs={"rows": 2}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uraian"].max_length = 4000
        self.fields["penanggung_jawab"].queryset = Position.objects.filter(kecamatan=renstra.kecamatan_id).order_by(
            "nama"
        )
        self.years = renstra.tahun_list
        existing = {}
        if self.instance.pk:
            existing = {t.tahun: t for t in self.instance.target.all()}
        for tahun in self.years:
            row = existing.get(tahun)
            self.fields[f"target_{tahun}"] = AngkaField(label=f"Target {tahun}", initial=row.nilai if row else None)
        # Qualitative targets (renstra/skala.py): only when the kabupaten has scales.
        self.skala_list = skala_kabupaten.skala_kabupaten(renstra.kecamatan.kabupaten_id)
        if self.skala_list:
            self.fields["skala"] = forms.TypedChoiceField(
                label="Skala kualitatif",
                choices=[("", "Tidak — target berupa angka")]
                + [(s.id, f"{s.nama} ({s.pilihan_teks})") for s in self.skala_list],
                coerce=int,
                empty_value=None,
                required=False,
                initial=self.instance.skala,
                help_text="Untuk indikator kualitatif (mis. opini BPK), isi tingkat pada skala sebagai target.",
            )
            level_fields = [
                ("kondisi_awal_level", "Kondisi awal (tingkat)", self.instance.kondisi_awal_level),
                *(
                    (f"level_{t}", f"Target {t} (tingkat)", existing[t].level if t in existing else "")
                    for t in self.years
                ),
                ("target_akhir_level", "Target akhir periode (tingkat)", self.instance.target_akhir_level),
            ]
            for name, label, initial in level_fields:
                self.fields[name] = forms.CharField(label=label, max_length=60, required=False, initial=initial)

    @property
    def skala_dipilih(self) -> bool:
        return bool(self.cleaned_data.get("skala"))

    def targets(self) -> dict:
        if self.skala_dipilih:
            return {tahun: self.cleaned_data.get(f"level_{tahun}") or None for tahun in self.years}
        return {tahun: self.cleaned_data.get(f"target_{tahun}") for tahun in self.years}

    def data_indikator(self) -> dict:
        """The indicator's fields for renstra.services.indikator_simpan (with the scale's when one is offered)."""
        data = {name: self.cleaned_data[name] for name in INDIKATOR_FIELDS}
        if self.skala_list:
            data["skala"] = self.cleaned_data.get("skala")
            data["kondisi_awal_level"] = self.cleaned_data.get("kondisi_awal_level", "")
            data["target_akhir_level"] = self.cleaned_data.get("target_akhir_level", "")
        return data


class TetapkanForm(sakip_forms.Form):
    """Establishing the Renstra is the Camat's act: the password is typed again, exactly as typed."""

    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Masukkan kembali kata sandi untuk menetapkan Renstra.",
        error_messages={"required": "Masukkan kata sandi Anda untuk menetapkan Renstra."},
    )


class NaskahForm(sakip_forms.Form):
    """The whole naskah in one form: a text per typed part (renstra/naskah.py BAGIAN) and, for BAB V, the
    strategi and arah kebijakan of every sasaran. An empty part may be saved; the document waits for it."""

    def __init__(self, *args, renstra, isi: dict, sasaran_list: list, **kwargs):
        super().__init__(*args, **kwargs)
        for bagian in naskah.BAGIAN:
            label = f"{bagian.nomor} {bagian.judul}" if bagian.nomor else bagian.judul
            self.fields[bagian.kunci] = forms.CharField(
                label=label,
                required=False,
                max_length=NASKAH_LIMIT,
                initial=isi.get(bagian.kunci, ""),
                help_text=bagian.bantuan,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.sasaran_list = sasaran_list
        for sasaran in sasaran_list:
            self.fields[f"strategi_{sasaran.pk}"] = forms.CharField(
                label=f"Strategi — sasaran {sasaran.urutan}",
                required=False,
                max_length=4000,
                initial=sasaran.strategi,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"arah_{sasaran.pk}"] = forms.CharField(
                label=f"Arah kebijakan — sasaran {sasaran.urutan}",
                required=False,
                max_length=4000,
                initial=sasaran.arah_kebijakan,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def bab(self) -> list[dict]:
        """The bound fields grouped by chapter, for the template."""
        groups = []
        for bab in naskah.BAB:
            parts = naskah.bagian_bab(bab.nomor)
            if parts:
                groups.append({"bab": bab, "fields": [self[b.kunci] for b in parts]})
        return groups

    def strategi_fields(self) -> list[tuple]:
        return [(s, self[f"strategi_{s.pk}"], self[f"arah_{s.pk}"]) for s in self.sasaran_list]

    def isi(self) -> dict[str, str]:
        return {b.kunci: self.cleaned_data[b.kunci] for b in naskah.BAGIAN}

    def strategi(self) -> dict[int, tuple[str, str]]:
        return {
            s.pk: (self.cleaned_data[f"strategi_{s.pk}"], self.cleaned_data[f"arah_{s.pk}"]) for s in self.sasaran_list
        }


class ProgramForm(sakip_forms.Form):
    sasaran = forms.ModelChoiceField(label="Sasaran strategis yang dilayani", queryset=SasaranRenstra.objects.none())
    kode = forms.CharField(label="Kode program", max_length=30, help_text="Mis. 7.01.01")
    nama = forms.CharField(label="Nama program", max_length=300)
    indikator = forms.CharField(
        label="Indikator program (outcome)", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = SasaranRenstra.objects.filter(renstra=renstra).order_by("urutan")
        self.fields["sasaran"].label_from_instance = lambda s: f"{s.urutan}. {s.uraian}"


class KegiatanForm(sakip_forms.Form):
    kode = forms.CharField(label="Kode kegiatan", max_length=30, help_text="Mis. 7.01.01.2.01")
    nama = forms.CharField(label="Nama kegiatan", max_length=300)
    indikator = forms.CharField(
        label="Indikator kegiatan (keluaran)", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, renstra, pagu: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = renstra.tahun_list
        for tahun in self.years:
            self.fields[f"pagu_{tahun}"] = AngkaField(
                label=f"Pagu indikatif {tahun} (Rp)", places=2, initial=(pagu or {}).get(tahun)
            )

    def data_kegiatan(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("kode", "nama", "indikator")}

    def pagu(self) -> dict:
        return {tahun: self.cleaned_data.get(f"pagu_{tahun}") for tahun in self.years}
