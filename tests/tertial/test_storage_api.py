"""Files go through Django's storage API, never a path of one machine: every flow that stores a file runs against an
in-memory storage that has no paths, and nothing is written under MEDIA_ROOT. The settings choose S3 when
S3_BUCKET is set, and say so clearly when its packages are missing."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import tertial.settings
from tertial.exports import pdf

from . import storage_flows as flows
from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pathless(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    flows.use_storage(settings, "tests.tertial.storage_flows.PathlessStorage")
    yield
    assert not settings.MEDIA_ROOT.exists()  # nothing on this machine's disk


@pytest.fixture
def rich(namnd):
    return make_rich_report(namnd, size=1)


def test_the_storage_has_no_paths():
    from django.core.files.storage import default_storage

    with pytest.raises(NotImplementedError):
        default_storage.path("bilagor/1/x.pdf")


def test_bilaga_upload_download_zip_and_removal(client, users, rich, django_capture_on_commit_callbacks):
    flows.bilaga_upload_download_zip_and_remove(client, users, rich, django_capture_on_commit_callbacks)


@pytest.mark.parametrize("fmt, magic", [("docx", b"PK"), ("xlsx", b"PK"), ("zip", b"PK"), ("pdf", b"%PDF")])
def test_the_workers_files_are_stored_served_and_deleted(
    client, users, rich, monkeypatch, django_capture_on_commit_callbacks, fmt, magic
):
    # The PDF's conversion without LibreOffice: its temporary files are LibreOffice's, not the storage's.
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda docx: b"%PDF-1.7 (LibreOffice i testet)")
    flows.export_file_made_downloaded_and_deleted(client, users, rich, django_capture_on_commit_callbacks, fmt, magic)


def test_the_presentationsmall_is_used_by_the_deck_and_removed(client, users, rich, django_capture_on_commit_callbacks):
    flows.slide_template_used_by_the_deck_and_removed(client, users, rich, django_capture_on_commit_callbacks)


def test_uploads_past_the_memory_limit(client, users, rich, settings):
    flows.uploads_past_the_memory_limit(client, users, rich, settings)


def test_files_gone_from_the_storage(client, users, rich, django_capture_on_commit_callbacks):
    flows.files_gone_from_the_storage(client, users, rich, django_capture_on_commit_callbacks)


# --- The settings ------------------------------------------------------------------------------------------------


def _settings(monkeypatch, **env) -> dict:
    """tertial/settings.py read afresh with `env` (the running settings are not touched)."""
    for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION", "S3_PREFIX", "S3_ADDRESSING_STYLE", "S3_MAX_MEMORY_SIZE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(tertial.settings.__file__)))


def test_without_s3_bucket_files_are_on_local_disk(monkeypatch):
    default = _settings(monkeypatch)["STORAGES"]["default"]
    assert default == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_with_s3_bucket_files_are_private_objects_in_the_bucket(monkeypatch):
    default = _settings(
        monkeypatch,
        S3_BUCKET="tertial-filer",
        S3_ENDPOINT_URL="https://minio.example.se",
        S3_REGION="eu-north-1",
        S3_PREFIX="/hasselby/",
    )["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "tertial-filer",
        "endpoint_url": "https://minio.example.se",
        "region_name": "eu-north-1",
        "addressing_style": None,
        "location": "hasselby",
        "default_acl": None,
        "file_overwrite": False,
        # A download is read into a temporary file past 2 MB, not into memory (a 20 MB bilaga would cost 20 MB).
        "max_memory_size": 2 * 1024 * 1024,
    }
    assert not any("SECRET" in key or "ACCESS_KEY" in key for key in default["OPTIONS"])  # boto3's own chain


@pytest.mark.parametrize("package", ["storages", "boto3"])
def test_s3_bucket_without_its_packages_is_a_clear_error(monkeypatch, package):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == package else real(name, *a))
    with pytest.raises(ImproperlyConfigured, match=f"S3_BUCKET är satt men {package} saknas: installera"):
        _settings(monkeypatch, S3_BUCKET="tertial-filer")
