"""The file flows on S3 (django-storages' S3Storage, as S3_BUCKET configures it) against moto's S3: a bilaga
uploaded, downloaded, delivered in the zip and removed, an export made by the worker, a presentationsmall used by
the deck, and files gone from the bucket. The objects are private and under the prefix."""

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from tertial.exports import pdf
from tertial.models import Attachment

from . import storage_flows as flows
from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db
BUCKET, REGION, PREFIX = "tertial-filer", "eu-north-1", "tertial"


@pytest.fixture(autouse=True)
def bucket(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testnyckel")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testhemlighet")
    settings.MEDIA_ROOT = tmp_path / "media"
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        # The options tertial/settings.py gives S3Storage (test_storage_api.py checks them from the environment).
        flows.use_storage(
            settings,
            "storages.backends.s3.S3Storage",
            bucket_name=BUCKET,
            region_name=REGION,
            location=PREFIX,
            default_acl=None,
            file_overwrite=False,
            max_memory_size=settings.S3_MAX_MEMORY_SIZE,
        )
        yield client
    assert not settings.MEDIA_ROOT.exists()  # nothing on this machine's disk


@pytest.fixture
def rich(namnd):
    return make_rich_report(namnd, size=1)


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_bilaga_upload_download_zip_and_removal(client, users, rich, bucket, django_capture_on_commit_callbacks):
    flows.bilaga_upload_download_zip_and_remove(client, users, rich, django_capture_on_commit_callbacks)
    keys = _keys(bucket)
    assert any(k.startswith(f"{PREFIX}/bilagor/{rich.pk}/") for k in keys)
    assert any(k.startswith(f"{PREFIX}/exporter/") for k in keys) and all(k.startswith(f"{PREFIX}/") for k in keys)
    # Private: only the owner's grant, nothing for everyone (AllUsers) or any authenticated user.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=keys[0])["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"] and "URI" not in grants[0]["Grantee"]


@pytest.mark.parametrize("fmt, magic", [("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_the_workers_files_are_stored_served_and_deleted(
    client, users, rich, bucket, monkeypatch, django_capture_on_commit_callbacks, fmt, magic
):
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda docx: b"%PDF-1.7 (LibreOffice i testet)")
    flows.export_file_made_downloaded_and_deleted(client, users, rich, django_capture_on_commit_callbacks, fmt, magic)
    assert _keys(bucket) == []


def test_the_presentationsmall_is_used_by_the_deck_and_removed(
    client, users, rich, bucket, django_capture_on_commit_callbacks
):
    flows.slide_template_used_by_the_deck_and_removed(client, users, rich, django_capture_on_commit_callbacks)
    assert _keys(bucket) == []


def test_uploads_past_the_memory_limit(client, users, rich, settings):
    flows.uploads_past_the_memory_limit(client, users, rich, settings)


def test_a_download_past_the_memory_limit_is_whole_and_streamed(client, users, rich, settings):
    """A bilaga larger than S3_MAX_MEMORY_SIZE is read from the bucket into a temporary file, not into memory, and
    the page sends it in FileResponse's blocks."""
    assert settings.S3_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    big = flows.PDF + bytes(range(256)) * (settings.S3_MAX_MEMORY_SIZE // 256 + 1)
    client.force_login(users["controller"])
    upload = SimpleUploadedFile("Stor bilaga.pdf", big, content_type="application/pdf")
    assert client.post(flows.url("attachment_upload", rich), {"file": upload}).status_code == 302
    name = Attachment.objects.get(report=rich).file.name
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == big and handle.file._rolled  # on this machine's temporary disk, not in memory

    client.force_login(users["skribent"])
    download = client.get(flows.url("attachment_download", rich, number=1))
    assert download.streaming and download["Content-Length"] == str(len(big))
    chunks = list(download.streaming_content)
    assert b"".join(chunks) == big and max(map(len, chunks)) < len(big)


def test_files_gone_from_the_bucket(client, users, rich, django_capture_on_commit_callbacks):
    flows.files_gone_from_the_storage(client, users, rich, django_capture_on_commit_callbacks)
