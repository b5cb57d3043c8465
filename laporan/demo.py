"""Demo: a self-signed signing certificate so that `make run` can sign reports out of the box."""

from django.conf import settings

from laporan import signing


def load_certificate() -> str:
    # Only for a developer's `make run` (DEBUG): production certificates are installed on purpose.
    if not settings.DEBUG:
        return "sertifikat demo dilewati (DEBUG mati)"
    if signing.key_path().exists() and signing.cert_path().exists():
        return f"sertifikat penandatanganan sudah ada ({signing.cert_path()})"
    signing.create_certificate(
        common_name="SAKIP Kecamatan (DEMO)",
        organization="Pemerintah Kabupaten Balangan (DEMO)",
        key_file=signing.key_path(),
        cert_file=signing.cert_path(),
    )
    return f"sertifikat penandatanganan demo (swa-tanda tangan) dibuat: {signing.cert_path()}"
