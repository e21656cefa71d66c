"""The evidence bucket: each file stored by one PutObject that carries its SHA-256.

django-storages hands every file to boto3's transfer manager, which starts a pool of threads per
file so that it can split large ones into parts. Evidence, its copies and dossiers are a few
megabytes (the upload limit is `MAX_EVIDENCE_BYTES`), far below the 5 GB a single PUT takes; one
request saves the pool, about a fifth of an upload's time (issue 14). The request names the
bytes' SHA-256, so S3 refuses an object that did not arrive as it was hashed, instead of keeping a
corrupt original as evidence. Kept apart from `storage.py`, which a web process imports at start,
so that boto3 loads only when a file is first stored or read.
"""

import base64
import hashlib
import threading

from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class EvidenceS3Storage(S3Storage):
    def __init__(self, **settings):
        super().__init__(**settings)
        self._session = None
        self._session_lock = threading.RLock()

    def _create_session(self):
        # Files are stored on threads (`evidence.services.Sealed`), and django-storages keeps a
        # connection per thread. Each is made from one session, so that S3's models, which a
        # session loads once, are not loaded again for each thread (some 12 MB each).
        with self._session_lock:
            if self._session is None:
                self._session = super()._create_session()
            return self._session

    @property
    def connection(self):
        with self._session_lock:  # a boto3 session is not to be used by two threads at once
            return super().connection

    def _save(self, name, content):
        cleaned = clean_name(name)
        key = self._normalize_name(cleaned)
        parameters = self._get_write_parameters(key, content)
        content.seek(0)
        data = content.read()
        if isinstance(data, str):
            data = data.encode()
        checksum = base64.b64encode(hashlib.sha256(data).digest()).decode()
        self.connection.meta.client.put_object(
            Bucket=self.bucket_name,
            Key=key,
            Body=data,
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=checksum,
            **parameters,
        )
        return cleaned
