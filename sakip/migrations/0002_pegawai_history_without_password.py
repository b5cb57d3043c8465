"""Password hashes leave the audit trail; no group grants access to the Django admin any more."""

from django.db import migrations


def revoke_admin_group(apps, schema_editor):
    # The demo loader gave the kabupaten administrator staff status and a group holding every model
    # permission of sakip, sop and kinerja, for the Django admin. The admin is for operators
    # (superusers) only now: the group and staff status of other people have no use left.
    Group = apps.get_model("auth", "Group")
    Pegawai = apps.get_model("sakip", "Pegawai")
    Group.objects.filter(name="Administrator Kabupaten").delete()
    Pegawai.objects.filter(is_staff=True, is_superuser=False).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("sakip", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalpegawai",
            name="password",
        ),
        migrations.RunPython(revoke_admin_group, migrations.RunPython.noop),
    ]
