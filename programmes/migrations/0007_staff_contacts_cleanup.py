from django.db import migrations


class Migration(migrations.Migration):
    """The per-page contacts, now shared records (0006), are dropped in a step of their own."""

    dependencies = [
        ('programmes', '0006_staff_contacts'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Contact',
        ),
    ]
