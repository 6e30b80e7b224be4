from .access import HakAkses, PermohonanAkses, Unduhan
from .authority import BatasKlasifikasi, PejabatKelas, PerubahanKelas
from .disposal import BeritaAcaraPemusnahan, Peminjaman, UsulanPemusnahan
from .holds import LegalHold
from .records import Berkas, BerkasDigital, Naskah, NomorBerkasCounter, StatusRetensi
from .reference import AksesMatrix, KelasKeamanan, KlasifikasiArsip, RetensiArsip

__all__ = [
    "AksesMatrix",
    "BatasKlasifikasi",
    "Berkas",
    "BeritaAcaraPemusnahan",
    "BerkasDigital",
    "HakAkses",
    "KelasKeamanan",
    "KlasifikasiArsip",
    "LegalHold",
    "Naskah",
    "NomorBerkasCounter",
    "PejabatKelas",
    "Peminjaman",
    "PermohonanAkses",
    "PerubahanKelas",
    "RetensiArsip",
    "StatusRetensi",
    "Unduhan",
    "UsulanPemusnahan",
]
