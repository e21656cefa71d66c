"""A case's public status kept built (issue 14), and the triggers that mark it stale at every
change it shows (_kept_status.py)."""

import django.db.models.deletion
from django.db import migrations, models

from . import _kept_status


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0017_similar_covering"),
    ]

    operations = [
        migrations.CreateModel(
            name="KeptStatus",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ticket", models.CharField(max_length=13)),
                ("language", models.CharField(max_length=8)),
                ("stale", models.BooleanField(default=False)),
                ("page", models.TextField()),
                ("data", models.TextField()),
                ("built_at", models.DateTimeField(auto_now=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="complaints.case"
                    ),
                ),
                (
                    "followed",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="complaints.case",
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("ticket", "language"), name="kept_status_once")],
            },
        ),
        migrations.RunPython(_kept_status.create, _kept_status.drop),
    ]
