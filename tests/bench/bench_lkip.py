"""Benchmark: LKIP PDF generation for a kecamatan with 40 indicators.

Run: .venv/bin/python tests/bench/bench_lkip.py [runs]
Builds a throwaway SQLite database in a temporary directory (nothing else is
touched), then renders the LKIP PDF `runs` times and prints the total time and
the share spent inside WeasyPrint's write_pdf (timed separately in laporan.pdf),
plus the time of a PAdES signature, and the server time of the people's clicks: submitting (the PDF is
rendered then), signing the submitted file (stamp + PAdES, no render) against signing with a render (the
path taken before 29 November 2026, and still by an acting official), and downloading a draft preview
cold and cached.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bench-lkip-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["SIGNING_KEY_PATH"] = f"{WORKDIR}/key.pem"
os.environ["SIGNING_CERT_PATH"] = f"{WORKDIR}/cert.pem"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from tests.factories import LAMPAU  # noqa: E402


def main(runs: int) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    from laporan import pdf, signing
    from laporan.models import Report
    from sakip.roles import Role
    from tests.factories import build_org
    from tests.laporan.data import build_kinerja

    signing.create_certificate(
        common_name="Bench",
        organization="Bench",
        key_file=Path(WORKDIR) / "key.pem",
        cert_file=Path(WORKDIR) / "cert.pem",
    )
    org = build_org()
    _, indikator = build_kinerja(org.awayan.unit, 2025, sasaran=8, indikator_per_sasaran=5)
    report = Report.objects.create(
        kecamatan=org.awayan.unit,
        kind=Report.Kind.LKIP,
        tahun=2025,
        dibuat_oleh=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        narasi={"kata_pengantar": "Kata pengantar. " * 40, "penutup": "Penutup. " * 40},
    )
    totals, weasy, sizes, pages = [], [], [], []
    for _ in range(runs):
        timings: dict = {}
        start = time.perf_counter()
        data = pdf.render_pdf(report, timings=timings)
        totals.append(time.perf_counter() - start)
        weasy.append(timings["weasyprint"])
        sizes.append(len(data))
        import io

        from pypdf import PdfReader

        pages.append(len(PdfReader(io.BytesIO(data)).pages))
    start = time.perf_counter()
    signing.sign_pdf(data, reason="bench", name="bench", location="bench")
    sign_time = time.perf_counter() - start
    total, inside = statistics.median(totals), statistics.median(weasy)
    print(f"LKIP PDF, {len(indikator)} indicators, {runs} runs, {pages[-1]} pages, {sizes[-1] / 1024:.0f} KiB")
    print(f"  total (data + HTML + PDF), median: {total:.2f} s   (min {min(totals):.2f} s, max {max(totals):.2f} s)")
    print(f"  inside WeasyPrint write_pdf, median: {inside:.2f} s = {inside / total:.0%} of total")
    print(f"  data + template rendering, median: {total - inside:.3f} s")
    print(f"  PAdES signature (pyHanko): {sign_time:.3f} s")
    clicks(org)


def clicks(org) -> None:
    """Submit, sign and download as the services do it, for an LKIP of 40 indicators in two kecamatan."""
    from laporan import pdf
    from laporan.models import NaskahDiajukan, Report
    from laporan.services import ajukan, buat_laporan, simpan_narasi, tandatangani
    from sakip.roles import Role
    from tests.factories import PASSWORD
    from tests.laporan.data import build_kinerja, narasi_lengkap

    timings = {}
    for name, kecamatan in (("awayan", org.awayan), ("tebing", org.tebing)):
        if name != "awayan":
            build_kinerja(kecamatan.unit, 2025, sasaran=8, indikator_per_sasaran=5)
        kasubbag = org.person(name, Role.KASUBBAG_PERENCANAAN)
        report = Report.objects.filter(kecamatan=kecamatan.unit, kind=Report.Kind.LKIP, tahun=2025).first()
        if report is None:
            report = buat_laporan(user=kasubbag, kecamatan=kecamatan.unit, kind=Report.Kind.LKIP, tahun=2025)
        report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
        start = time.perf_counter()
        pdf.render_preview(report)
        timings.setdefault("preview cold", []).append(time.perf_counter() - start)
        start = time.perf_counter()
        pdf.render_preview(report)
        timings.setdefault("preview cached", []).append(time.perf_counter() - start)
        start = time.perf_counter()
        ajukan(user=kasubbag, report_id=report.pk)
        timings.setdefault("submit (renders the PDF)", []).append(time.perf_counter() - start)
        if name == "tebing":
            NaskahDiajukan.objects.filter(report=report).delete()  # the render path
        start = time.perf_counter()
        tandatangani(alasan_terlambat=LAMPAU, user=org.person(name, Role.CAMAT), report_id=report.pk, password=PASSWORD)
        label = "sign the submitted file (stamp + PAdES)" if name == "awayan" else "sign with a render (before)"
        timings.setdefault(label, []).append(time.perf_counter() - start)
    timings.update(kabupaten_zip(org))
    print("Clicks, server time (LKIP, 40 indicators):")
    for label, values in timings.items():
        print(f"  {label}: {statistics.median(values):.2f} s")


def kabupaten_zip(org) -> dict:
    """The kabupaten's "Unduh gabungan" of the year's signed LKIPs (two here), through the view; and the same
    archive built for 14 kecamatan (Balangan has 8; the largest kabupaten of the national data 14)."""
    import io
    import zipfile

    from django.test import Client
    from django.urls import reverse

    from laporan.models import SignedDocument

    client = Client()
    client.force_login(org.admin)
    url = reverse("laporan:zip") + "?kind=lkip&tahun=2025"
    times = []
    for _ in range(3):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200 and response["Content-Type"] == "application/zip", response.status_code
    signed = bytes(SignedDocument.objects.order_by("pk").first().pdf)
    result = {"kabupaten ZIP, 2 signed LKIPs (view)": times}
    for label, method in (("stored", zipfile.ZIP_STORED), ("deflated, before", zipfile.ZIP_DEFLATED)):
        start = time.perf_counter()
        with zipfile.ZipFile(io.BytesIO(), "w", method) as archive:
            for n in range(14):
                archive.writestr(f"lkip-{n}.pdf", signed)
        result[f"ZIP of 14 LKIPs of {len(signed) / 1024:.0f} KiB, {label}"] = [time.perf_counter() - start]
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
