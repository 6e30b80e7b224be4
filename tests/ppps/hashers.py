"""A real password hasher that counts how often a PIN is checked, for the timing tests."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingMD5PasswordHasher(MD5PasswordHasher):
    """Same algorithm name as MD5 (so hashes made by the suite's MD5 hasher verify here)."""

    verified = 0

    def verify(self, password, encoded):
        type(self).verified += 1
        return super().verify(password, encoded)
