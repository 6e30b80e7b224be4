"""A real password hasher that counts each hashing, for the sign-in flood tests."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingMD5PasswordHasher(MD5PasswordHasher):
    """MD5 (the suite's hasher) that counts ``encode``: one call per password hashed, whether
    checking a password (``verify`` encodes once) or hashing a dummy for an unknown user."""

    hashed = 0

    def encode(self, password, salt):
        type(self).hashed += 1
        return super().encode(password, salt)
