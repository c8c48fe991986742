from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("pagecache", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("stamp", models.CharField(default="", max_length=32)),
            ],
            options={"verbose_name": "Inhaltsversion"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
