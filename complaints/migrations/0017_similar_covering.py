"""The similar-screenshot look-up at a million screenshots (issue 14): each hash band indexed
with the whole hash and the case beside it (PostgreSQL; a plain index on SQLite), so a candidate's
distance is checked on the index alone and only the matches are fetched from the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_search_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evidence",
            name="phash_band0",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="phash_band1",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="phash_band2",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="phash_band3",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="evidence",
            index=models.Index(fields=["phash_band0"], include=("phash", "case"), name="evidence_band0_cover"),
        ),
        migrations.AddIndex(
            model_name="evidence",
            index=models.Index(fields=["phash_band1"], include=("phash", "case"), name="evidence_band1_cover"),
        ),
        migrations.AddIndex(
            model_name="evidence",
            index=models.Index(fields=["phash_band2"], include=("phash", "case"), name="evidence_band2_cover"),
        ),
        migrations.AddIndex(
            model_name="evidence",
            index=models.Index(fields=["phash_band3"], include=("phash", "case"), name="evidence_band3_cover"),
        ),
    ]
