"""Image uploads: only real raster images within size and pixel limits; alt text on programmes."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from programmes.models import ProgrammePage
from tests.test_admin import edit_form

pytestmark = pytest.mark.django_db


def png(width=20, height=20):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width, height):
    """A tiny PNG file that claims to be width x height pixels (a decompression bomb's header)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def upload(client, name, content, content_type="image/png"):
    response = client.post("/admin/images/add/", {
        "title": "Testbild", "file": SimpleUploadedFile(name, content, content_type=content_type),
    })
    errors = response.context["form"].errors if response.status_code == 200 and response.context else {}
    return response, errors


def test_real_png_is_accepted(admin_client):
    response, errors = upload(admin_client, "ok.png", png())
    assert not errors and response.status_code == 302
    assert get_image_model().objects.get(title="Testbild").width == 20


@pytest.mark.parametrize("name, content, content_type", [
    ("notes.png", b"Dies ist nur Text, kein Bild.\n" * 20, "image/png"),
    ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/png"),
    ("page.jpg", b"<!doctype html><html><body><script>alert(1)</script></body></html>", "image/jpeg"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>', "image/svg+xml"),
])
def test_disguised_files_are_rejected_with_a_message(admin_client, name, content, content_type):
    response, errors = upload(admin_client, name, content, content_type)
    assert response.status_code == 200 and "file" in errors
    assert not get_image_model().objects.exists()


def test_decompression_bomb_is_rejected_with_a_clear_message(admin_client):
    bomb = png_header_only(100_000, 100_000)  # 10 billion pixels in a few hundred bytes
    assert len(bomb) < 1000
    response, errors = upload(admin_client, "bomb.png", bomb)
    assert response.status_code == 200 and "zu viele Pixel" in " ".join(errors["file"])  # Wagtail's German message
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100 * 100)
def test_pixel_limit_is_configurable(admin_client):
    response, errors = upload(admin_client, "big.png", png(200, 200))
    assert "zu viele Pixel" in " ".join(errors["file"])  # Wagtail's German message


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000)
def test_file_size_limit(admin_client):
    noisy = io.BytesIO()
    PILImage.effect_noise((200, 200), 50).save(noisy, "PNG")
    response, errors = upload(admin_client, "noisy.png", noisy.getvalue())
    assert "file" in errors and "zu groß" in " ".join(errors["file"])


def test_programme_image_needs_alt_text(admin_client, programme):
    image = get_image_model().objects.create(
        title="Eingang", file=SimpleUploadedFile("eingang.png", png(), content_type="image/png")
    )
    response = admin_client.post(
        f"/admin/pages/{programme.pk}/edit/", edit_form(programme, lead_image=image.pk, lead_image_alt="  ")
    )
    assert response.status_code == 200 and "lead_image_alt" in response.context["form"].errors
    assert ProgrammePage.objects.get(pk=programme.pk).lead_image is None
    response = admin_client.post(
        f"/admin/pages/{programme.pk}/edit/",
        edit_form(programme, lead_image=image.pk, lead_image_alt="Eingang mit Rampe"),
    )
    assert response.status_code == 302
    assert ProgrammePage.objects.get(pk=programme.pk).lead_image_alt == "Eingang mit Rampe"
