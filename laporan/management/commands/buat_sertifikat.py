"""Create the deployment's document-signing key and certificate."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan import signing


class Command(BaseCommand):
    help = (
        "Membuat kunci dan sertifikat penandatanganan dokumen (swa-tanda tangan, atau diterbitkan CA yang diberikan). "
        "Lokasi: SIGNING_KEY_PATH / SIGNING_CERT_PATH, bawaan var/signing/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--nama", default="SAKIP Kecamatan", help="Common Name sertifikat (mis. Kecamatan Awayan)")
        parser.add_argument("--organisasi", default="Pemerintah Kabupaten", help="Nama organisasi (O)")
        parser.add_argument("--hari", type=int, default=3650, help="Masa berlaku dalam hari")
        parser.add_argument("--kunci", help="Lokasi berkas kunci (bawaan: SIGNING_KEY_PATH)")
        parser.add_argument("--sertifikat", help="Lokasi berkas sertifikat (bawaan: SIGNING_CERT_PATH)")
        parser.add_argument("--ca-kunci", help="Kunci privat CA penerbit (PEM, tanpa sandi)")
        parser.add_argument("--ca-sertifikat", help="Sertifikat CA penerbit (PEM)")
        parser.add_argument("--timpa", action="store_true", help="Timpa berkas yang sudah ada")

    def handle(self, *args, **options):
        key_file = Path(options["kunci"]) if options["kunci"] else signing.key_path()
        cert_file = Path(options["sertifikat"]) if options["sertifikat"] else signing.cert_path()
        if (key_file.exists() or cert_file.exists()) and not options["timpa"]:
            raise CommandError(f"Berkas sudah ada ({key_file}, {cert_file}). Gunakan --timpa untuk mengganti.")
        ca_key, ca_cert = options["ca_kunci"], options["ca_sertifikat"]
        if bool(ca_key) != bool(ca_cert):
            raise CommandError("--ca-kunci dan --ca-sertifikat harus diberikan bersama.")
        cert = signing.create_certificate(
            common_name=options["nama"],
            organization=options["organisasi"],
            key_file=key_file,
            cert_file=cert_file,
            days=options["hari"],
            ca_key_file=Path(ca_key) if ca_key else None,
            ca_cert_file=Path(ca_cert) if ca_cert else None,
        )
        kind = "diterbitkan CA" if ca_key else "swa-tanda tangan"
        self.stdout.write(
            self.style.SUCCESS(
                f"Sertifikat {kind} dibuat: {cert_file} (kunci: {key_file}), berlaku s.d. {cert.not_valid_after_utc:%Y-%m-%d}."
            )
        )
