"""Evidence processing: derived copies, perceptual hash and OCR text for each screenshot.

Each step records its own state, so a failure in one (OCR, say) never loses the evidence or
blocks the others. The sealed original is only read. Running again redoes what is not done.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .. import tasks
from ..incidents import grouping
from ..models import Evidence
from ..storage import evidence_storage
from . import imaging as images

logger = logging.getLogger(__name__)
ERROR_MAX = 500  # characters of an error message kept for officials


def _store(evidence: Evidence, field: str, file_name: str, data: bytes) -> None:
    name = evidence.derived_name(file_name)
    if evidence_storage.exists(name):  # a rerun replaces the copy instead of adding another
        evidence_storage.delete(name)
    getattr(evidence, field).save(name, ContentFile(data), save=False)


def _sanitize(evidence: Evidence, image) -> None:
    _store(evidence, "sanitized", images.SANITIZED_FILE, images.sanitize(image))
    evidence.width, evidence.height = image.size  # as shown; rows sealed before this was so get it here


def _thumbnail(evidence: Evidence, image) -> None:
    _store(evidence, "thumbnail", images.THUMBNAIL_FILE, images.thumbnail(image))


def _phash(evidence: Evidence, image) -> None:
    evidence.phash = images.perceptual_hash(image)
    for band, value in enumerate(images.hash_bands(evidence.phash)):
        setattr(evidence, f"phash_band{band}", value)


def _ocr(evidence: Evidence, image) -> None:
    evidence.ocr_text = images.ocr(image)


STEPS = {"sanitize": _sanitize, "thumbnail": _thumbnail, "phash": _phash, "ocr": _ocr}


def evidence_process(*, evidence_id: int, force: bool = False) -> Evidence:
    """Run every step not yet done (every step with `force`); return the evidence.

    Reading the original may raise (storage unreachable): the task then retries. A failing
    step is recorded as failed with its error, and the other steps still run.
    """
    evidence = Evidence.objects.get(pk=evidence_id)
    todo = [step for step in Evidence.STEPS if force or getattr(evidence, f"{step}_state") != Evidence.State.DONE]
    if not todo or evidence.original_erased_at:  # nothing to do, or nothing left to read
        return evidence
    with evidence.original.open("rb") as original:
        data = original.read()
    errors = dict(evidence.processing_errors)
    try:
        image = images.decode_upright(data)
    except Exception as error:  # validated at upload, so this means a damaged store: say so
        image, decode_error = None, error
    for step in todo:
        try:
            if image is None:
                raise decode_error
            STEPS[step](evidence, image)
        except Exception as error:  # each step's failure is recorded, never raised
            logger.warning("Evidence %s step %s failed: %s", evidence.pk, step, error)
            setattr(evidence, f"{step}_state", Evidence.State.FAILED)
            errors[step] = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        else:
            setattr(evidence, f"{step}_state", Evidence.State.DONE)
            errors.pop(step, None)
    evidence.processing_errors = errors
    evidence.processed_at = timezone.now()
    evidence.save()
    if "phash" in todo and not force and grouping.ready(evidence.case_id):
        # The last screenshot of the case hashed: group it with the reports of the same post.
        transaction.on_commit(lambda: tasks.group_case.delay(case_id=evidence.case_id))
    return evidence
