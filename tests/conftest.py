import pytest


@pytest.fixture
def site_tree(db):
    """Home and catalogue pages in every locale, as a fresh site has them after `load_demo`."""
    from programmes.sitetree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def programme(site_tree):
    from tests.factories import create

    return create()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "secret-pass-123")
    client.force_login(user)
    return client
