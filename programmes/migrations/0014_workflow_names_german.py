"""Wagtail's default workflow and task are named after the group ("Moderators approval"), which
shows in the German admin as "In Moderators approval einreichen". Give both German names.
Also let team members create contacts (the programme form's contact chooser, #22)."""

from django.db import migrations

OLD = "Moderators approval"
WORKFLOW = "Redaktionsprüfung"
TASK = "Freigabe durch die Moderation"


def rename(apps, schema_editor, workflow=WORKFLOW, task=TASK, old=OLD):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=workflow)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=task)


def teams_create_contacts(apps, schema_editor):
    from programmes.teams import ensure_teams  # the shared setup; idempotent, adds the new permission

    ensure_teams(apps)


def rename_back(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(name=OLD)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0013_related_programme_label"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(rename, rename_back),
        migrations.RunPython(teams_create_contacts, migrations.RunPython.noop),
    ]
