"""Publishers and moderators read the feedback inbox (view, mark read/archived)."""

from django.db import migrations

GROUPS = ["Integrationsbeauftragte", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="feedback", model="feedback")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_feedback", defaults={"name": f"Can {action} feedback"}
        )[0]
        for action in ("view", "change")
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("programmes", "0005_staff_teams"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
