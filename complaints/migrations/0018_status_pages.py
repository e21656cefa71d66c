"""A case's public status kept built (issue 14): the version the database raises at every change
the status shows (_public_version.py), and the table of built pages."""

import django.db.models.deletion
from django.db import migrations, models

from . import _public_version


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0017_similar_covering"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="public_version",
            field=models.PositiveBigIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.CreateModel(
            name="KeptStatus",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=8)),
                ("version", models.PositiveBigIntegerField()),
                ("followed_version", models.PositiveBigIntegerField(null=True)),
                ("page", models.TextField()),
                ("data", models.TextField()),
                ("built_at", models.DateTimeField(auto_now=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="complaints.case"
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("case", "language"), name="kept_status_once")],
            },
        ),
        migrations.RunPython(_public_version.create, _public_version.drop),
    ]
