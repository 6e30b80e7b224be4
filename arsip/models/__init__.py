from .access import HakAkses, PermohonanAkses, Unduhan
from .disposal import BeritaAcaraPemusnahan, Peminjaman, UsulanPemusnahan
from .holds import LegalHold
from .records import Berkas, BerkasDigital, Naskah, NomorBerkasCounter, StatusRetensi
from .reference import AksesMatrix, KelasKeamanan, KlasifikasiArsip, RetensiArsip

__all__ = [
    "AksesMatrix",
    "Berkas",
    "BeritaAcaraPemusnahan",
    "BerkasDigital",
    "HakAkses",
    "KelasKeamanan",
    "KlasifikasiArsip",
    "LegalHold",
    "Naskah",
    "NomorBerkasCounter",
    "Peminjaman",
    "PermohonanAkses",
    "RetensiArsip",
    "StatusRetensi",
    "Unduhan",
    "UsulanPemusnahan",
]
