"""The preview of a staff import: what the export changes in the kabupaten's records, computed from the file
and the records only (no write). Matching is by NIP (sakip/nip.py).

Categories: baru (a NIP not in the records), pindah (the unit changed, e.g. a Kasi from Awayan to Halong),
ganti_jabatan (another position in the same unit), data (name with titles, pangkat/golongan), keluar (an active
person of a kecamatan of the kabupaten whose NIP is in no row), plt (a Plt./Plh. row), kosong (positions held
before and by nobody after). A placement into, or a Plt./Plh. of, a signing or evaluating position
(`sakip.roles.KUASA_ROLES`) is marked `kuasa`: applying only asks for it (pengaturan's grant request).
`masalah` (unknown or ambiguous unit/position, a NIP of another kabupaten, the administrator's own account)
keeps the import from being applied; each names sheet, row and column.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from kepegawaian import berkas as berkas_mod
from kepegawaian.berkas import Berkas, norm
from sakip.models import Delegation, Pegawai, Position, Unit
from sakip.roles import KUASA_ROLES

# A Plt./Plh. is appointed for at most three months at a time (SE Kepala BKN 1/SE/I/2021): without an end date
# in the export, that is the span given to the Delegation.
MASA_PLT = relativedelta(months=3)


def _units(kabupaten: Unit) -> tuple[dict[int, Unit], dict[str, set[int]]]:
    units = {
        u.pk: u for u in Unit.objects.filter(Q(pk=kabupaten.pk) | Q(kabupaten=kabupaten)).select_related("kecamatan")
    }
    labels: dict[str, set[int]] = {}
    for u in units.values():
        names = {u.nama, str(u)}
        if u.kecamatan_id:
            kec = u.kecamatan
            names |= {f"{u.nama} {kec.nama}", f"{u.nama} {kec}"}
        for name in names:
            labels.setdefault(norm(name), set()).add(u.pk)
    return units, labels


def _positions(kabupaten: Unit) -> list[Position]:
    return list(Position.objects.filter(kabupaten=kabupaten).select_related("unit", "kecamatan"))


def _cari_jabatan(unit: Unit, nama: str, positions: list[Position]) -> list[Position]:
    wanted = norm(nama)
    in_unit = [p for p in positions if p.unit_id == unit.pk and norm(p.nama) == wanted]
    if in_unit:
        return in_unit
    scope = unit.kecamatan_scope
    if scope is None:  # the kabupaten level
        return [p for p in positions if p.kecamatan_id is None and norm(p.nama) == wanted]
    return [p for p in positions if p.kecamatan_id == scope.pk and norm(p.nama) == wanted]


def _tempat_jabatan(p: Position) -> dict:
    return {
        "jabatan_id": p.pk,
        "jabatan": p.nama,
        "unit": str(p.unit),
        "kecamatan": str(p.kecamatan) if p.kecamatan_id else "Kabupaten",
        "kuasa": p.role in KUASA_ROLES,
    }


def sidik(kabupaten: Unit, nips: list[str]) -> str:
    """A fingerprint of everything the preview read: the kabupaten's units, positions, people (and the people
    the file names), Plt./Plh. Three queries; any change between preview and applying changes it."""
    units = list(
        Unit.objects.filter(Q(pk=kabupaten.pk) | Q(kabupaten=kabupaten))
        .order_by("pk")
        .values_list("pk", "nama", "parent_id")
    )
    positions = list(
        Position.objects.filter(kabupaten=kabupaten).order_by("pk").values_list("pk", "unit_id", "nama", "role")
    )
    people = list(
        Pegawai.objects.filter(Q(jabatan__kabupaten=kabupaten) | Q(nip__in=nips))
        .order_by("pk")
        .values_list("pk", "nip", "nama", "pangkat_golongan", "jabatan_id", "is_active")
    )
    delegations = list(
        Delegation.objects.filter(position__kabupaten=kabupaten)
        .order_by("pk")
        .values_list("pk", "position_id", "pegawai_id", "jenis", "mulai", "selesai")
    )
    raw = json.dumps([units, positions, people, delegations], default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def susun(berkas: Berkas, *, kabupaten: Unit, user, hari: datetime.date) -> dict:
    """The preview (a JSON-able dict) of `berkas` against the kabupaten's records today (`hari`)."""
    units, labels = _units(kabupaten)
    positions = _positions(kabupaten)
    by_pk = {p.pk: p for p in positions}
    nips = sorted({b.nilai["nip"] for b in berkas.baris})
    people = {
        p.nip: p for p in Pegawai.objects.filter(nip__in=nips).select_related("jabatan__unit", "jabatan__kecamatan")
    }
    hasil = {
        "lembar": berkas.lembar,
        "jumlah_baris": len(berkas.baris),
        "baru": [],
        "pindah": [],
        "ganti_jabatan": [],
        "data": [],
        "keluar": [],
        "plt": [],
        "kosong": [],
        "masalah": [],
        "peringatan": [],
        "simpeg": [],
    }

    def masalah(baris, key, pesan):
        kolom = f"{berkas.kolom_huruf.get(key, '?')} ({berkas_mod.KOLOM[key][0]})" if key else None
        hasil["masalah"].append({"lembar": berkas.lembar, "baris": baris, "kolom": kolom, "pesan": pesan})

    def jabatan_of(b) -> Position | None:
        unit_ids = labels.get(norm(b.nilai["unit"]), set())
        if not unit_ids:
            masalah(b.nomor, "unit", f'unit kerja "{b.nilai["unit"]}" tidak dikenal di {kabupaten}')
            return None
        if len(unit_ids) > 1:
            masalah(b.nomor, "unit", f'unit kerja "{b.nilai["unit"]}" lebih dari satu; tulis dengan nama kecamatannya')
            return None
        nama = berkas_mod.jabatan_tanpa_penanda(b.nilai["jabatan"])
        found = _cari_jabatan(units[next(iter(unit_ids))], nama, positions)
        if len(found) != 1:
            pesan = "tidak dikenal" if not found else "lebih dari satu"
            masalah(b.nomor, "jabatan", f'jabatan "{nama}" {pesan} di {units[next(iter(unit_ids))]}')
            return None
        return found[0]

    holders_after: dict[int, set[int]] = {}
    holders_before: dict[int, set[int]] = {}
    for p in Pegawai.objects.filter(jabatan__kabupaten=kabupaten, is_active=True).values_list("pk", "jabatan_id"):
        holders_before.setdefault(p[1], set()).add(p[0])
        holders_after.setdefault(p[1], set()).add(p[0])
    in_file = set()
    pending_kuasa = set()
    plt_rows = []
    for b in berkas.baris:
        v = b.nilai
        in_file.add(v["nip"])
        jenis_plt = berkas_mod.penanda_plt(v)
        if jenis_plt:
            plt_rows.append((b, jenis_plt))
            continue
        position = jabatan_of(b)
        person = people.get(v["nip"])
        if person is not None and person.jabatan_id and person.jabatan.kabupaten_id != kabupaten.pk:
            masalah(b.nomor, "nip", f"NIP ini terdaftar pada {person.jabatan.kabupaten or 'kabupaten lain'}")
            continue
        if person is not None and (person.is_superuser or person.is_staff):
            masalah(b.nomor, "nip", "NIP ini milik akun operator; akun operator tidak diubah oleh impor")
            continue
        nama = berkas_mod.nama_lengkap(v)
        hasil["simpeg"].append(
            {
                "nip": v["nip"],
                "gelar_depan": v.get("gelar_depan", ""),
                "gelar_belakang": v.get("gelar_belakang", ""),
                "eselon": v.get("eselon", ""),
                "nip_atasan": v.get("atasan", ""),
                "tmt": v["tmt"].isoformat() if v.get("tmt") else None,
            }
        )
        if v.get("atasan") and v["atasan"] not in {x.nilai["nip"] for x in berkas.baris} and v["atasan"] not in people:
            hasil["peringatan"].append(
                {"lembar": berkas.lembar, "baris": b.nomor, "pesan": f"NIP atasan {v['atasan']} tidak ada di berkas"}
            )
        if position is None:
            continue
        base = {"nip": v["nip"], "nama": nama, "baris": b.nomor, "pangkat": v.get("golongan", "")}
        if person is None or not person.is_active:
            if person is not None and position.role in KUASA_ROLES:
                masalah(b.nomor, "jabatan", "pegawai nonaktif pada jabatan Camat/evaluator: aktifkan melalui operator")
                continue
            hasil["baru"].append(
                {
                    **base,
                    **_tempat_jabatan(position),
                    "pegawai_id": person.pk if person else None,
                    "aktif_kembali": person is not None,
                }
            )
            if position.role in KUASA_ROLES:
                pending_kuasa.add(position.pk)
            else:
                holders_after.setdefault(position.pk, set()).add(person.pk if person else f"baru:{v['nip']}")
            continue
        if person.pk == user.pk and person.jabatan_id != position.pk:
            masalah(b.nomor, "jabatan", "jabatan Anda sendiri tidak dapat Anda pindahkan; minta administrator lain")
            continue
        if person.jabatan_id != position.pk:
            old = person.jabatan
            change = {
                **base,
                "pegawai_id": person.pk,
                "dari_id": old.pk if old else None,
                "dari": old.nama if old else "—",
                "dari_unit": str(old.unit) if old else "—",
                "dari_kecamatan": (str(old.kecamatan) if old.kecamatan_id else "Kabupaten") if old else "—",
                **_tempat_jabatan(position),
            }
            moved = old is None or old.unit_id != position.unit_id
            hasil["pindah" if moved else "ganti_jabatan"].append(change)
            if position.role in KUASA_ROLES:
                pending_kuasa.add(position.pk)
            else:
                holders_after.get(person.jabatan_id, set()).discard(person.pk)
                holders_after.setdefault(position.pk, set()).add(person.pk)
        perubahan = {}
        if nama and nama != person.nama:
            perubahan["nama"] = [person.nama, nama]
        if "golongan" in berkas.kolom_huruf and v.get("golongan", "") != person.pangkat_golongan:
            perubahan["pangkat_golongan"] = [person.pangkat_golongan, v.get("golongan", "")]
        if perubahan:
            hasil["data"].append(
                {"pegawai_id": person.pk, "nip": v["nip"], "nama": person.nama, "perubahan": perubahan}
            )

    # Plt./Plh.: the person is named by NIP (in the records or a new row of this file), the position without
    # its marker; from the TMT (or today) for MASA_PLT.
    delegations = list(
        Delegation.objects.filter(position__kabupaten=kabupaten, selesai__gte=hari).select_related("pegawai")
    )
    for b, jenis in plt_rows:
        v = b.nilai
        position = jabatan_of(b)
        person = people.get(v["nip"])
        new_in_file = any(x["nip"] == v["nip"] for x in hasil["baru"])
        if person is None and not new_in_file:
            masalah(
                b.nomor,
                "nip",
                "Plt./Plh. harus pegawai yang terdaftar atau tercantum sebagai jabatan definitif di berkas",
            )
            continue
        if position is None:
            continue
        if person is not None and person.pk == user.pk:
            masalah(b.nomor, "nip", "Anda tidak dapat menunjuk diri sendiri sebagai Plt./Plh.")
            continue
        mulai = v.get("tmt") or hari
        selesai = mulai + MASA_PLT - datetime.timedelta(days=1)
        same = [d for d in delegations if d.position_id == position.pk and d.mulai <= selesai and d.selesai >= mulai]
        if any(person is not None and d.pegawai_id == person.pk for d in same):
            continue  # already recorded
        if same:
            d = same[0]
            masalah(
                b.nomor,
                "jabatan",
                f"{position.nama} sudah memiliki {d.get_jenis_display().split(' ')[0]} {d.pegawai} "
                f"{d.mulai:%d-%m-%Y} s.d. {d.selesai:%d-%m-%Y}",
            )
            continue
        hasil["plt"].append(
            {
                "nip": v["nip"],
                "nama": person.nama if person else berkas_mod.nama_lengkap(v),
                "pegawai_id": person.pk if person else None,
                "jenis": jenis,
                "mulai": mulai.isoformat(),
                "selesai": selesai.isoformat(),
                "baris": b.nomor,
                **_tempat_jabatan(position),
            }
        )

    # Left: active people of the kabupaten's kecamatan (kabupaten-level accounts are kept by hand) with a NIP
    # in no row. Never the administrator applying the import.
    leaving = (
        Pegawai.objects.filter(
            jabatan__kabupaten=kabupaten,
            jabatan__kecamatan__isnull=False,
            is_active=True,
            is_superuser=False,
            is_staff=False,
            nip__isnull=False,
        )
        .exclude(nip__in=in_file)
        .select_related("jabatan__unit", "jabatan__kecamatan")
        .order_by("nama")
    )
    for person in leaving:
        if person.pk == user.pk:
            masalah(None, None, "akun Anda sendiri tidak ada di berkas; akun Anda tidak dapat Anda nonaktifkan")
            continue
        hasil["keluar"].append(
            {"pegawai_id": person.pk, "nip": person.nip, "nama": person.nama, **_tempat_jabatan(person.jabatan)}
        )
        holders_after.get(person.jabatan_id, set()).discard(person.pk)

    for pk, before in sorted(holders_before.items()):
        if before and not holders_after.get(pk) and pk in by_pk:
            hasil["kosong"].append({**_tempat_jabatan(by_pk[pk]), "menunggu_kuasa": pk in pending_kuasa})
    return hasil


KATEGORI = ("baru", "pindah", "ganti_jabatan", "data", "keluar", "plt", "kosong")


def ringkasan(hasil: dict) -> dict:
    return {key: len(hasil.get(key, [])) for key in (*KATEGORI, "masalah")}


def jumlah_perubahan(hasil: dict) -> int:
    return sum(len(hasil.get(key, [])) for key in KATEGORI if key != "kosong")


def sidik_pratinjau(hasil: dict) -> str:
    """The preview's own fingerprint, carried by the apply form: what is applied is what was shown."""
    return hashlib.sha256(json.dumps(hasil, sort_keys=True, default=str).encode()).hexdigest()
