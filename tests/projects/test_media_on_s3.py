"""With AWS_STORAGE_BUCKET_NAME set, uploads go to S3-compatible storage, stay private there, and the permission
-checked views still stream them (through the storage API, never a path on disk).

The bucket is moto's S3 server on a local port: S3 itself cannot run on this machine.
"""

import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.test import override_settings

from projects.models import Visibility
from tests.projects.home_plan_data import PDF_BYTES, add_document, add_updates, png_bytes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
BUCKET = "renovatie-media-test"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._server.server_port}"
    boto3.client("s3", endpoint_url=endpoint, **CREDENTIALS).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def media_on_s3(s3_endpoint, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # nothing may land here
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": s3_endpoint,
            "access_key": CREDENTIALS["aws_access_key_id"],
            "secret_key": CREDENTIALS["aws_secret_access_key"],
            "region_name": CREDENTIALS["region_name"],
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": s3}):
        yield boto3.client("s3", endpoint_url=s3_endpoint, **CREDENTIALS)


def test_a_document_stored_on_s3_is_private_there_and_streams_to_whoever_may_see_it(client, project, media_on_s3):
    document = add_document(project, title="Bewonersbrief maart", visibility=Visibility.PUBLIC)

    stored = media_on_s3.get_object(Bucket=BUCKET, Key=document.file.name)
    assert stored["Body"].read() == PDF_BYTES
    grants = media_on_s3.get_object_acl(Bucket=BUCKET, Key=document.file.name)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    assert not any(Path(settings.MEDIA_ROOT).iterdir())

    response = client.get(f"/projecten/{project.slug}/documenten/{document.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_photo_on_s3_is_recognised_and_streamed_to_a_tenant_of_the_project(
    client, project, staff_user, project_tenant, media_on_s3
):
    add_updates(project, staff_user.memberships.get().organisation, 1)
    photo = project.updates.get().photos.get()
    client.force_login(project_tenant)

    response = client.get(f"/projecten/{project.slug}/fotos/{photo.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()


def test_a_file_missing_from_the_bucket_is_not_found(client, project, media_on_s3):
    document = add_document(project, title="Verdwenen", visibility=Visibility.PUBLIC)
    media_on_s3.delete_object(Bucket=BUCKET, Key=document.file.name)

    assert client.get(f"/projecten/{project.slug}/documenten/{document.pk}/").status_code == 404


def test_naming_a_bucket_switches_uploads_to_private_s3_storage():
    env = {**os.environ, "AWS_STORAGE_BUCKET_NAME": "renovatie-media", "AWS_S3_ENDPOINT_URL": "https://s3.example.nl"}
    code = "from django.conf import settings; s = settings.STORAGES['default']; print(s['BACKEND'], s['OPTIONS'])"

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "storages.backends.s3.S3Storage {" in result.stdout
    for option in ("'bucket_name': 'renovatie-media'", "'default_acl': 'private'", "'querystring_auth': True"):
        assert option in result.stdout
