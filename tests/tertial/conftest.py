import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Users are created and logged in per test; the production hasher's million rounds would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
