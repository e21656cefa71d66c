"""Evidence processing: derived copies, perceptual hash and OCR text for each screenshot.

Each step records its own state, so a failure in one (OCR, say) never loses the evidence or
blocks the others. The sealed original is only read. Running again redoes what is not done.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

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


def _ocr(evidence: Evidence, reading) -> None:
    evidence.ocr_text = reading.result()  # what Tesseract read meanwhile, or the error it raised


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
    # Tesseract reads in a process of its own: it is started first (on the file as uploaded, if
    # its pixels are those shown), and the copies and the hash are made meanwhile on the other
    # core, so the pipeline takes little more than the reading.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocr") as reader:
        reading = reader.submit(images.ocr, data) if "ocr" in todo and images.shown_as_stored(data) else None
        image = decode_error = None
        try:
            image = images.decode_upright(data)
        except Exception as error:  # validated at upload, so this means a damaged store: say so
            decode_error = error
        if reading is None and image is not None and "ocr" in todo:
            reading = reader.submit(images.ocr, image)
        errors = _steps_run(evidence, todo, image=image, reading=reading, decode_error=decode_error)
    evidence.processing_errors = errors
    evidence.processed_at = timezone.now()
    evidence.save()
    if "phash" in todo and not force and grouping.ready(evidence.case_id):
        # The last screenshot of the case hashed: group it with the reports of the same post.
        transaction.on_commit(lambda: tasks.group_case.delay(case_id=evidence.case_id))
    return evidence


def _steps_run(evidence: Evidence, todo: list[str], *, image, reading, decode_error: Exception | None) -> dict:
    """Run the steps `todo` on `image`, recording each one's state; return the errors kept."""
    errors = dict(evidence.processing_errors)
    for step in todo:
        try:
            if image is None:
                raise decode_error
            STEPS[step](evidence, reading if step == "ocr" else image)
        except Exception as error:  # each step's failure is recorded, never raised
            logger.warning("Evidence %s step %s failed: %s", evidence.pk, step, error)
            setattr(evidence, f"{step}_state", Evidence.State.FAILED)
            errors[step] = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        else:
            setattr(evidence, f"{step}_state", Evidence.State.DONE)
            errors.pop(step, None)
    return errors
