"""Role codes carried by positions (jabatan). See docs/ARCHITECTURE.md."""

from django.db import models


class Role(models.TextChoices):
    CAMAT = "CAMAT", "Camat"
    SEKRETARIS = "SEKRETARIS", "Sekretaris Camat"
    KASUBBAG_PERENCANAAN = "KASUBBAG_PERENCANAAN", "Kasubbag Perencanaan dan Keuangan"
    KASUBBAG_UMUM = "KASUBBAG_UMUM", "Kasubbag Umum dan Kepegawaian"
    KASI = "KASI", "Kepala Seksi"
    KABID = "KABID", "Kepala Bidang"
    PELAKSANA = "PELAKSANA", "Pelaksana / Staf / Jabatan Fungsional"
    ADMIN = "ADMIN", "Administrator Kabupaten"
    EVALUATOR = "EVALUATOR", "Evaluator (Inspektorat / Bagian Organisasi)"


# Roles held in a kabupaten-level unit; they read every kecamatan of their kabupaten.
KABUPATEN_ROLES = frozenset({Role.ADMIN, Role.EVALUATOR})
KECAMATAN_ROLES = frozenset(set(Role) - KABUPATEN_ROLES)
# Officials who answer for indicators and verify their staff's data.
SUPERVISOR_ROLES = frozenset({Role.KASUBBAG_UMUM, Role.KASI, Role.KABID})
# Powers to sign for a kecamatan or to evaluate it (issue 29): granted by a kabupaten administrator only with a
# second person's confirmation (pengaturan.services, sakip.models.PemberianKuasa), announced to the holder.
KUASA_ROLES = frozenset({Role.CAMAT, Role.EVALUATOR})
# Positions that sign: one active holder at a time (a Plt./Plh. acts beside, for dates, not as a second holder).
SATU_PEMEGANG_ROLES = frozenset({Role.CAMAT})
